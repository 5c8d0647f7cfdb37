using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Diagnostics;

/// <summary>
/// What the diagnostics page shows of a report: which statuses and which workflows (<c>?status=fail,warn&amp;q=sales</c>).
/// It lives in the URL, so a filtered view can be pasted into an incident channel.
/// </summary>
public sealed record DiagnosticsFilter(IReadOnlySet<CheckStatus> Statuses, string? Search)
{
    public const string StatusKey = "status";

    public const string SearchKey = "q";

    public static DiagnosticsFilter All { get; } = new(new HashSet<CheckStatus>(), null);

    /// <summary>No status picked shows every status.</summary>
    public bool Shows(CheckStatus status) => Statuses.Count == 0 || Statuses.Contains(status);

    public bool IsEmpty => Statuses.Count == 0 && string.IsNullOrWhiteSpace(Search);

    /// <summary>Reads <c>?status=</c> (a comma-separated list of fail, warn, unknown, pass) and <c>?q=</c>; a word it does not know is named in the error and left out.</summary>
    public static (DiagnosticsFilter Filter, string? Error) Parse(string? status, string? search)
    {
        var statuses = new HashSet<CheckStatus>();
        var unknown = new List<string>();
        foreach (var word in (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (FromWord(word) is { } parsed)
            {
                statuses.Add(parsed);
            }
            else
            {
                unknown.Add(word);
            }
        }

        var error = unknown.Count == 0
            ? null
            : $"The status filter '{string.Join(",", unknown)}' was not used: write status= with fail, warn, unknown or pass, separated by commas.";
        return (new DiagnosticsFilter(statuses, string.IsNullOrWhiteSpace(search) ? null : search.Trim()), error);
    }

    /// <summary>The same filter with <paramref name="status"/> shown or hidden.</summary>
    public DiagnosticsFilter Toggle(CheckStatus status)
    {
        var statuses = new HashSet<CheckStatus>(Statuses);
        if (!statuses.Remove(status))
        {
            statuses.Add(status);
        }

        return this with { Statuses = statuses };
    }

    /// <summary>The query parameters, with null for those at their default so that they leave the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        [StatusKey] = Statuses.Count == 0 ? null : string.Join(",", Statuses.OrderByDescending(s => s).Select(Word)),
        [SearchKey] = Search,
    };

    public static string Word(CheckStatus status) => status.ToString().ToLowerInvariant();

    private static CheckStatus? FromWord(string word) =>
        Enum.TryParse<CheckStatus>(word, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(word, out _) ? status : null;

    /// <summary>The workflows the search keeps, each with the findings of the statuses shown; a workflow left with none is left out.</summary>
    public IReadOnlyList<WorkflowDiagnosis> Apply(IEnumerable<WorkflowDiagnosis> workflows) =>
        [.. Searched(workflows)
            .Select(w => Statuses.Count == 0 ? w : w with { Findings = [.. w.Findings.Where(f => Statuses.Contains(f.Status))] })
            .Where(w => w.Findings.Count > 0)];

    /// <summary>The workflows whose name contains the search, whatever their findings: the status counts are over these.</summary>
    public IEnumerable<WorkflowDiagnosis> Searched(IEnumerable<WorkflowDiagnosis> workflows) =>
        Search is { } search ? workflows.Where(w => w.Workflow.Contains(search, StringComparison.OrdinalIgnoreCase)) : workflows;
}

/// <summary>How findings read on the page: words, ordering and pretty JSON, kept out of the markup.</summary>
public static class DiagnosticsPresentation
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every status, worst first: the order of the counts and of the findings.</summary>
    public static IReadOnlyList<CheckStatus> WorstFirst { get; } = [CheckStatus.Fail, CheckStatus.Warn, CheckStatus.Unknown, CheckStatus.Pass];

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Fail => "Fail",
        CheckStatus.Warn => "Warn",
        CheckStatus.Unknown => "Unknown",
        _ => "Pass",
    };

    /// <summary>The workflows, the most broken first: worst status, then the most findings of it, then by name.</summary>
    public static IReadOnlyList<WorkflowDiagnosis> Order(IEnumerable<WorkflowDiagnosis> workflows) =>
        [.. workflows.OrderByDescending(d => d.Worst).ThenByDescending(d => d.Count(d.Worst)).ThenBy(d => d.Workflow, StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="diagnosis"/> with the findings of <paramref name="checkId"/> replaced by <paramref name="rechecked"/>,
    /// at the place of the first one, the rest kept worst first.
    /// </summary>
    public static WorkflowDiagnosis Replace(WorkflowDiagnosis diagnosis, string checkId, IReadOnlyList<Finding> rechecked, DateTimeOffset at) =>
        diagnosis with
        {
            Findings = [.. diagnosis.Findings.Where(f => f.CheckId != checkId).Concat(rechecked).OrderByDescending(f => f.Status)],
            CheckedAt = at,
        };

    /// <summary>JSON evidence indented for reading; text, or JSON that does not parse, as it came.</summary>
    public static string Pretty(Evidence evidence)
    {
        if (evidence.Format != EvidenceFormat.Json)
        {
            return evidence.Text;
        }

        try
        {
            using var document = JsonDocument.Parse(evidence.Text);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            // Evidence is shown even when a check quoted something that is not JSON (a truncated document): as it is.
            return evidence.Text;
        }
    }

    public static string FixKindLabel(FixKind kind) => kind switch
    {
        FixKind.Policy => "Policy JSON",
        FixKind.Cli => "AWS CLI",
        _ => "Console steps",
    };
}
