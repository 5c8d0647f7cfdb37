namespace Dashboard.Diagnostics;

/// <summary>A check's verdict. The order is the severity: findings sort worst first.</summary>
public enum CheckStatus
{
    Pass = 0,

    /// <summary>The dashboard could not look: its own credentials lack a permission, which the finding names.</summary>
    Unknown = 1,

    Warn = 2,

    Fail = 3,
}

/// <summary>What a finding was decided on: a policy statement, a trust policy, a pattern, a sample event, metric values.</summary>
public sealed record Evidence(string Label, string Text, EvidenceFormat Format = EvidenceFormat.Text);

public enum EvidenceFormat
{
    Text,
    Json,
}

/// <summary>A fix to copy: a policy document, an AWS CLI command, or console steps.</summary>
public sealed record Fix(string Summary, FixKind Kind, string Text);

/// <summary>A read-only action the page offers next to a finding, such as peeking at a dead-letter queue (<see cref="PeekDeadLetterQueue"/>).</summary>
public sealed record FindingAction(string Kind, string Target, string Label)
{
    public const string PeekDeadLetterQueue = "peek-dlq";
}

public enum FixKind
{
    Policy,
    Cli,
    Console,
}

/// <summary>
/// One check's result for one workflow, or for one of its rules or targets (<see cref="Subject"/>): the verdict, the
/// evidence it rests on, an explanation in plain words, what to change, and where AWS documents it.
/// </summary>
public sealed record Finding(
    string CheckId,
    string Title,
    CheckStatus Status,
    string Explanation,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<Fix> Fixes,
    Uri? Documentation,
    string? Subject = null,
    string? MissingPermission = null,
    FindingAction? Action = null)
{
    public static Finding Pass(IDiagnosticCheck check, string explanation, IReadOnlyList<Evidence>? evidence = null, string? subject = null) =>
        new(check.Id, check.Title, CheckStatus.Pass, explanation, evidence ?? [], [], check.Documentation, subject);

    /// <summary>The dashboard's own credentials could not read what the check needs: says which IAM action is missing.</summary>
    public static Finding Unknown(IDiagnosticCheck check, FactUnavailable why, string? subject = null) =>
        new(check.Id, check.Title, CheckStatus.Unknown, why.Explanation, [], [], check.Documentation, subject, why.MissingPermission);
}
