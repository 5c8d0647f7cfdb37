namespace Dashboard.Audit;

/// <summary>Which records to read. Every filter that is set must match; text filters match exactly.</summary>
public sealed record AuditFilter
{
    public static AuditFilter All { get; } = new();

    /// <summary>Records at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    public string? Environment { get; init; }

    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? Workflow { get; init; }

    public string? Target { get; init; }

    public AuditResult? Result { get; init; }

    public Guid? CorrelationId { get; init; }
}

/// <summary>One page of records, newest first.</summary>
public sealed record AuditQuery
{
    public const int MaxLimit = 1000;

    public AuditFilter Filter { get; init; } = AuditFilter.All;

    /// <summary>How many records to skip, newest first.</summary>
    public int Offset { get; init; }

    /// <summary>1–1000 records.</summary>
    public int Limit { get; init; } = 50;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Limit, MaxLimit);
    }
}

/// <summary>A page of records, newest first, and how many match in all.</summary>
public sealed record AuditRecordPage(IReadOnlyList<AuditRecord> Records, long Total, int Offset, int Limit)
{
    public bool HasMore => Offset + Records.Count < Total;
}
