using System.Globalization;
using System.Text;

namespace Dashboard.Audit;

/// <summary>
/// The audit filter as people write it: the query of <c>/audit</c> and of <c>/audit/export.csv</c>, so that a link
/// shares a view and a download takes exactly what the page shows. Blank values mean "any". Times are ISO 8601 with a
/// zone (<c>2026-11-25T09:00Z</c>), or a date alone, which means that whole day in UTC: <c>from</c> its start,
/// <c>to</c> its end.
/// </summary>
public sealed record AuditFilterText
{
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string EnvironmentKey = "environment";
    public const string ActorKey = "actor";
    public const string ActionKey = "action";
    public const string WorkflowKey = "workflow";
    public const string TargetKey = "target";
    public const string ResultKey = "result";

    /// <summary>Every key, in the order they appear in URLs.</summary>
    public static readonly IReadOnlyList<string> Keys = [FromKey, ToKey, EnvironmentKey, ActorKey, ActionKey, WorkflowKey, TargetKey, ResultKey];

    private const string DateFormat = "yyyy-MM-dd";
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    public static AuditFilterText Empty { get; } = new();

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Environment { get; init; }

    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? Workflow { get; init; }

    public string? Target { get; init; }

    public string? Result { get; init; }

    /// <summary>True when no filter is given: every record matches.</summary>
    public bool IsEmpty => Keys.All(key => Value(key) is null);

    /// <summary>The filter from a query string, by key; <paramref name="value"/> returns null for a missing key.</summary>
    public static AuditFilterText Read(Func<string, string?> value) => new()
    {
        From = value(FromKey),
        To = value(ToKey),
        Environment = value(EnvironmentKey),
        Actor = value(ActorKey),
        Action = value(ActionKey),
        Workflow = value(WorkflowKey),
        Target = value(TargetKey),
        Result = value(ResultKey),
    };

    /// <summary>The value of one key, trimmed; null when blank.</summary>
    public string? Value(string key) => Blank(key switch
    {
        FromKey => From,
        ToKey => To,
        EnvironmentKey => Environment,
        ActorKey => Actor,
        ActionKey => Action,
        WorkflowKey => Workflow,
        TargetKey => Target,
        ResultKey => Result,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an audit filter key."),
    });

    /// <summary>
    /// The filter, or every problem with it in words that say what was wrong and what to write instead. Nothing is
    /// ignored: one bad value makes the whole filter invalid.
    /// </summary>
    public AuditFilterParse Parse()
    {
        var problems = new List<string>();
        var from = ParseTime(FromKey, From, endOfDay: false, problems);
        var to = ParseTime(ToKey, To, endOfDay: true, problems);
        if (from is { } start && to is { } end && end <= start)
        {
            problems.Add($"from '{Value(FromKey)}' must be before to '{Value(ToKey)}' ({Iso(start)} is not before {Iso(end)}).");
        }

        AuditResult? result = null;
        if (Value(ResultKey) is { } resultText)
        {
            // Enum.TryParse also takes numbers and lists ("1", "Pending,Failed"): only a result's name is one.
            if (Enum.GetNames<AuditResult>().FirstOrDefault(name => string.Equals(name, resultText, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                result = Enum.Parse<AuditResult>(name);
            }
            else
            {
                problems.Add($"result '{resultText}' is not an audit result. Use one of {string.Join(", ", Enum.GetNames<AuditResult>())}.");
            }
        }

        if (problems.Count > 0)
        {
            return new AuditFilterParse(null, problems);
        }

        return new AuditFilterParse(
            new AuditFilter
            {
                From = from,
                To = to,
                Environment = Value(EnvironmentKey),
                Actor = Value(ActorKey),
                Action = Value(ActionKey),
                Workflow = Value(WorkflowKey),
                Target = Value(TargetKey),
                Result = result,
            },
            []);
    }

    /// <summary>The keys that are set, with their trimmed values; the others are null, so a URL builder removes them.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => Keys.ToDictionary(key => key, key => (object?)Value(key), StringComparer.Ordinal);

    /// <summary><c>?key=value&amp;…</c> for the keys that are set, or empty.</summary>
    public string ToQueryString()
    {
        var query = new StringBuilder();
        foreach (var key in Keys)
        {
            if (Value(key) is { } value)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }

    private static DateTimeOffset? ParseTime(string key, string? text, bool endOfDay, List<string> problems)
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        problems.Add($"{key} '{value}' is not a time. Write ISO 8601 with a zone, such as 2026-11-25T09:00Z, or a date such as 2026-11-25 (a whole day in UTC).");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);
}

/// <summary>A filter read from text: <see cref="Filter"/> when every value made sense, otherwise the problems.</summary>
public sealed record AuditFilterParse(AuditFilter? Filter, IReadOnlyList<string> Problems)
{
    public bool IsValid => Filter is not null;

    /// <summary>The problems as one sentence list, for a response body or an alert.</summary>
    public string Message => string.Join(" ", Problems);
}
