namespace Dashboard.Configuration;

/// <summary>
/// The <c>Audit</c> section: where the audit trail is kept. An embedded SQLite file by default; PostgreSQL when
/// <c>Audit:ConnectionString</c> is set, for several replicas sharing one trail. Setting both is an error.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";
    public const string PathKey = "Audit:Path";
    public const string ConnectionStringKey = "Audit:ConnectionString";

    /// <summary>Relative to the app's content root.</summary>
    public const string DefaultPath = "data/audit.db";

    /// <summary>The SQLite file; relative paths are under the content root.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>A PostgreSQL connection string (Npgsql's keywords); null for SQLite.</summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgres => ConnectionString is not null;

    /// <summary>The SQLite file's full path for an app whose content root is <paramref name="contentRoot"/>.</summary>
    public string FullPath(string contentRoot) => System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, Path));
}
