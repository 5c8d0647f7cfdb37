namespace Dashboard.Audit;

/// <summary>Where a write stands, as the audit page says it.</summary>
public enum AuditWriteState
{
    /// <summary>One record and nothing sent: a refusal or a conflict.</summary>
    Alone,

    /// <summary>A pending record and its outcome.</summary>
    Completed,

    /// <summary>A pending record, recent enough that its write may still be under way.</summary>
    InProgress,

    /// <summary>A pending record and no outcome long after: the app stopped in the middle of the write.</summary>
    OutcomeUnknown,
}

/// <summary>One write: the records that share a correlation id, newest first.</summary>
public sealed record AuditWrite(IReadOnlyList<AuditRecord> Records, AuditWriteState State)
{
    public Guid CorrelationId => Latest.CorrelationId;

    /// <summary>The newest record: the outcome once there is one.</summary>
    public AuditRecord Latest => Records[0];

    public AuditRecord? Pending => Records.LastOrDefault(r => r.Result == AuditResult.Pending);

    public AuditRecord? Outcome => Records.FirstOrDefault(r => r.Result != AuditResult.Pending);

    /// <summary>The target as read before the write.</summary>
    public string? Before => Records.Select(r => r.Before).FirstOrDefault(b => b is not null);

    /// <summary>The second side of the diff: what AWS held afterwards, else what was sent, else what was asked for.</summary>
    public string? After => AfterSide.Json;

    /// <summary>What <see cref="After"/> is, in a word for a column header.</summary>
    public string AfterLabel => AfterSide.Label;

    private (string Label, string? Json) AfterSide => State switch
    {
        AuditWriteState.Alone => ("Asked for", Latest.After),
        _ when Outcome?.After is { } read => ("After", read),
        _ => ("Sent", Pending?.After),
    };
}

/// <summary>One page of the audit trail as writes, and where it sits among the matching records.</summary>
public sealed record AuditTrailPage(IReadOnlyList<AuditWrite> Writes, long Total, int Page, int PageSize)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasNewer => Page > 1;

    public bool HasOlder => (long)Page * PageSize < Total;

    /// <summary>The 1-based positions of this page's first and last records among the matching ones.</summary>
    public (long First, long Last) RecordRange => (((long)Page - 1) * PageSize + 1, Math.Min((long)Page * PageSize, Total));
}

/// <summary>
/// Reads the audit trail as people look at it: a page of records, newest first, grouped into writes. A write whose
/// pending record and outcome fall on different pages, or which the filter splits (say <c>result=Pending</c>), is
/// completed by reading its correlation id, so a pending record is only flagged when no outcome exists at all.
/// </summary>
public static class AuditTrail
{
    public const int PageSize = 50;

    /// <summary>How long a pending record may wait for its outcome before it counts as unknown: longer than any write takes.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMinutes(5);

    /// <summary>Page <paramref name="page"/> (from 1) of the records that match, as writes; <paramref name="now"/> tells in-progress from unknown.</summary>
    public static async Task<AuditTrailPage> ReadAsync(IAuditLog log, AuditFilter filter, int page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var offset = (long)(page - 1) * PageSize;
        if (offset > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(page), page, "The page is past any audit trail.");
        }

        var records = await log.QueryAsync(new AuditQuery { Filter = filter, Offset = (int)offset, Limit = PageSize }, cancellationToken);
        var groups = records.Records.GroupBy(r => r.CorrelationId).ToList();
        var writes = new List<AuditWrite>(groups.Count);
        foreach (var group in groups)
        {
            var members = group.ToList();
            if (MayBeIncomplete(members))
            {
                var all = await log.QueryAsync(new AuditQuery { Filter = new AuditFilter { CorrelationId = group.Key }, Limit = 20 }, cancellationToken);
                members = all.Records.Count > 0 ? [.. all.Records] : members;
            }

            writes.Add(new AuditWrite(members, StateOf(members, now)));
        }

        return new AuditTrailPage(writes, records.Total, page, PageSize);
    }

    /// <summary>Where the records are kept, in words for an error message.</summary>
    public static string Describe(IAuditLog log) => log switch
    {
        SqliteAuditLog sqlite => $"the SQLite file {sqlite.Location} (Audit:Path)",
        PostgresAuditLog postgres => $"the {postgres.Location} (Audit:ConnectionString)",
        DbAuditLog database => database.Location,
        _ => $"the audit store ({log.GetType().Name})",
    };

    /// <summary>A pending record without its outcome here, or an outcome whose pending record is not here.</summary>
    private static bool MayBeIncomplete(List<AuditRecord> members)
    {
        var hasPending = members.Any(r => r.Result == AuditResult.Pending);
        var hasOutcome = members.Any(r => r.Result != AuditResult.Pending);
        return hasPending != hasOutcome && (hasPending || members.Any(r => r.CorrelationId != r.Id));
    }

    private static AuditWriteState StateOf(List<AuditRecord> members, DateTimeOffset now)
    {
        if (members.Any(r => r.Result != AuditResult.Pending))
        {
            return members.Count == 1 && members[0].CorrelationId == members[0].Id ? AuditWriteState.Alone : AuditWriteState.Completed;
        }

        var started = members.Min(r => r.Time);
        return now - started < InFlightGrace ? AuditWriteState.InProgress : AuditWriteState.OutcomeUnknown;
    }
}
