using CsCheck;
using LocalCloud.S3;

namespace LocalCloud.Tests.S3;

/// <summary>ListObjects(V2) semantics over a sorted key set, without HTTP.</summary>
public sealed class S3ListingTests
{
    private static readonly string[] Keys =
    [
        "data/products/part-0.parquet",
        "data/products_raw/product_00001.json",
        "data/products_raw/product_00002.json",
        "data/products_raw/sub/product_00003.json",
        "logs/AWSLogs/x.json.gz",
        "readme.txt",
    ];

    [Fact]
    public void List_PrefixAndDelimiter_KeysAndCommonPrefixesInOrder()
    {
        var page = List(Keys, "data/", "/", null, 1000);

        Assert.Empty(page.Contents);
        Assert.Equal(["data/products/", "data/products_raw/"], page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public void List_PrefixNotAtSlash_GroupsAfterThePrefix()
    {
        var page = List(Keys, "data/products_raw/p", "/", null, 1000);

        Assert.Equal(["data/products_raw/product_00001.json", "data/products_raw/product_00002.json"], page.Contents);
        Assert.Empty(page.CommonPrefixes);
    }

    [Fact]
    public void List_NoDelimiter_EveryKeyUnderThePrefix()
    {
        var page = List(Keys, "data/products_raw/", null, null, 1000);

        Assert.Equal(3, page.Contents.Count);
        Assert.Equal("data/products_raw/sub/product_00003.json", page.Contents[^1]);
    }

    [Fact]
    public void List_MaxKeys_CountsPrefixesAndKeysTogether()
    {
        var page = List(Keys, string.Empty, "/", null, 2);

        Assert.Equal(["data/", "logs/"], page.CommonPrefixes);
        Assert.Empty(page.Contents);
        Assert.True(page.IsTruncated);
        Assert.Equal("logs/", page.LastReturned);

        var next = List(Keys, string.Empty, "/", page.LastReturned, 2);
        Assert.Equal(["readme.txt"], next.Contents);
        Assert.False(next.IsTruncated);
    }

    [Fact]
    public void List_AfterACommonPrefix_DoesNotRepeatIt()
    {
        var page = List(Keys, "data/", "/", "data/products/", 1000);

        Assert.Equal(["data/products_raw/"], page.CommonPrefixes);
    }

    [Fact]
    public void List_StartAfterInsideACommonPrefix_SkipsThatPrefix()
    {
        var page = List(Keys, string.Empty, "/", "data/products_raw/product_00001.json", 1000);

        Assert.Equal(["logs/"], page.CommonPrefixes);
        Assert.Equal(["readme.txt"], page.Contents);
    }

    [Fact]
    public void List_MaxKeysZero_EmptyAndNotTruncated()
    {
        var page = List(Keys, string.Empty, null, null, 0);

        Assert.Empty(page.Contents);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public void Utf8Ordinal_SupplementaryCharactersSortAfterPrivateUse()
    {
        // UTF-16 ordinal puts U+1F600 (surrogates D83D DE00) before U+FF01; UTF-8 byte order, S3's order, after.
        string[] keys = ["a\uFF01", "a\U0001F600", "a~", "a"];

        var sorted = keys.Order(Utf8Ordinal.Instance).ToArray();

        Assert.Equal(["a", "a~", "a\uFF01", "a\U0001F600"], sorted);
    }

    [Fact]
    public void ContinuationToken_RoundTrips_AndRejectsForgeries()
    {
        var token = S3Listing.ContinuationToken("data/products_raw/ü+é");

        Assert.Equal("data/products_raw/ü+é", S3Listing.ReadContinuationToken(token));
        var error = Assert.Throws<S3Exception>(() => S3Listing.ReadContinuationToken("not a token"));
        Assert.Equal("InvalidArgument", error.Code);
    }

    [Fact]
    public void List_PagedWithAnyPageSize_SameAsOnePage()
    {
        var gen =
            from keys in Gen.String[Gen.Char["ab/"], 1, 5].HashSet[0, 25]
            from prefix in Gen.String[Gen.Char["ab/"], 0, 2]
            from delimiterChoice in Gen.Int[0, 2]
            let delimiter = new string?[] { null, "/", "b" }[delimiterChoice]
            from pageSize in Gen.Int[1, 6]
            select (keys.Order(Utf8Ordinal.Instance).ToArray(), prefix, delimiter, pageSize);

        gen.Sample((keys, prefix, delimiter, pageSize) =>
        {
            var all = List(keys, prefix, delimiter, null, 1000);
            var paged = new List<string>();
            string? after = null;
            for (var pages = 0; pages < 100; pages++)
            {
                var page = List(keys, prefix, delimiter, after, pageSize);
                Assert.True(page.Contents.Count + page.CommonPrefixes.Count <= pageSize);
                paged.AddRange(page.CommonPrefixes.Concat(page.Contents).Order(Utf8Ordinal.Instance));
                if (!page.IsTruncated)
                {
                    break;
                }

                after = page.LastReturned;
            }

            Assert.Equal(all.CommonPrefixes.Concat(all.Contents).Order(Utf8Ordinal.Instance), paged);
        });
    }

    private static ListingPage<string> List(string[] keys, string prefix, string? delimiter, string? after, int maxKeys) =>
        S3Listing.List(keys.Order(Utf8Ordinal.Instance), k => k, prefix, delimiter, after, maxKeys);
}
