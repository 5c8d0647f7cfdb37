using System.Globalization;

namespace Dashboard.Catalog;

/// <summary>The sentences the table page says about a preview: what was read, and the limits it stayed within.</summary>
public static class PreviewText
{
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
    };

    /// <summary>"First 5 rows of 1 file (1.2 KB read)." or "First 50 rows (more exist) of 10 of 40 files …".</summary>
    public static string Summary(TablePreviewGrid grid)
    {
        var rows = grid.MoreRows ? $"First {grid.Rows.Count} rows (more exist)" : $"{Count(grid.Rows.Count, "row")}";
        var files = grid.MoreFiles ? $"{grid.FilesRead} of {(grid.FilesFound > grid.FilesRead ? $"{grid.FilesFound}+" : "more")} files" : Count(grid.FilesRead, "file");
        return $"{rows} of {files} ({Bytes(grid.BytesRead)} read), queried with DuckDB.";
    }

    public static string Limits(PreviewLimits limits) =>
        $"The preview reads at most {Count(limits.MaxFiles, "file")} and {Bytes(limits.MaxBytes)} from the table's location, and shows at most {Count(limits.MaxRows, "row")}.";

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? string.Empty : "s")}";
}
