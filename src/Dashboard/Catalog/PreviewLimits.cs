namespace Dashboard.Catalog;

/// <summary>
/// How much a preview may read, so that opening a page never scans a data lake: the first files under the table's
/// location, up to a number of files and of bytes, and the first rows of those. The page states these limits.
/// </summary>
public sealed record PreviewLimits(int MaxRows = 50, int MaxFiles = 10, long MaxBytes = 16L * 1024 * 1024)
{
    public static PreviewLimits Default { get; } = new();

    /// <summary>How many keys one ListObjectsV2 call asks for when finding the files.</summary>
    public const int ListPageSize = 1000;
}

/// <summary>The first rows of a table, and what was read to get them.</summary>
public sealed record TablePreviewGrid(
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    bool MoreRows,
    int FilesRead,
    int FilesFound,
    bool MoreFiles,
    long BytesRead,
    PreviewLimits Limits)
{
    public bool IsEmpty => FilesRead == 0;
}
