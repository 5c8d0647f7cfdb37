namespace Dashboard.Security;

/// <summary>The two roles, mapped from the sign-in's claims.</summary>
public static class DashboardRoles
{
    /// <summary>Reads everything; writes nothing.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Also edits triggers' batching, and resumes or stops runs.</summary>
    public const string Operator = "Operator";
}

/// <summary>
/// Who asks for a write: what every write path checks, on the server, before it calls AWS, and what the audit trail
/// records. Built from the signed-in user; in Local mode without sign-in, <see cref="LocalUser"/>.
/// </summary>
public sealed record Actor(string Name, string Role)
{
    /// <summary>The one user of a Local-mode dashboard without sign-in, which listens on loopback only.</summary>
    public static Actor LocalUser { get; } = new("local user", DashboardRoles.Operator);

    public bool MayWrite => Role == DashboardRoles.Operator;

    /// <summary>Why a write was refused to this actor, in words; null when it may write.</summary>
    public string? WriteRefusal(string what) => MayWrite
        ? null
        : $"{Name} has the {Role} role, and only an {DashboardRoles.Operator} may {what}.";
}
