using Dashboard.Catalog;

namespace Dashboard.Tests.Catalog;

public sealed class PreviewTextTests
{
    private static TablePreviewGrid Grid(int rows, bool moreRows, int read, int found, bool moreFiles, long bytes) =>
        new(["a"], [.. Enumerable.Range(0, rows).Select(_ => (IReadOnlyList<string?>)["x"])], moreRows, read, found, moreFiles, bytes, PreviewLimits.Default);

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(16L * 1024 * 1024, "16 MB")]
    public void Bytes_AreHumanSized(long bytes, string text) => Assert.Equal(text, PreviewText.Bytes(bytes));

    [Fact]
    public void Summary_AllRead() =>
        Assert.Equal("1 row of 1 file (933 B read), queried with DuckDB.", PreviewText.Summary(Grid(1, false, 1, 1, false, 933)));

    [Fact]
    public void Summary_Truncated_SaysMoreExist() =>
        Assert.Equal("First 50 rows (more exist) of 10 of 40+ files (2 MB read), queried with DuckDB.", PreviewText.Summary(Grid(50, true, 10, 40, true, 2 * 1024 * 1024)));

    [Fact]
    public void Limits_SayWhatThePreviewReadsAtMost() =>
        Assert.Equal("The preview reads at most 10 files and 16 MB from the table's location, and shows at most 50 rows.", PreviewText.Limits(PreviewLimits.Default));

    [Theory]
    [InlineData("s3://b/data/products", "b", "data/products/")]
    [InlineData("s3://b/data/products/", "b", "data/products/")]
    [InlineData("s3://b", "b", "")]
    public void S3Path_SplitsBucketAndPrefix(string location, string bucket, string prefix)
    {
        Assert.True(S3Path.TryParse(location, out var b, out var p));
        Assert.Equal((bucket, prefix), (b, p));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hdfs://x/y")]
    [InlineData("s3:///nobucket")]
    public void S3Path_RejectsOtherLocations(string? location) => Assert.False(S3Path.TryParse(location, out _, out _));
}
