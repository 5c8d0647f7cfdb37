using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PatternBenchmarks;

/// <summary>
/// Realistic Amazon S3 "Object Created" events as EventBridge delivers them, about 900 bytes each, varied over
/// buckets, keys, sizes, storage classes and addresses.
/// </summary>
public static class S3Events
{
    public const int BucketCount = 50;

    public static byte[][] Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var events = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            events[i] = Encoding.UTF8.GetBytes(Create(random, i).ToJsonString());
        }

        return events;
    }

    public static string Bucket(int i) => $"bucket-{i % BucketCount}";

    private static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private static JsonObject Create(Random random, int n)
    {
        var bucket = Bucket(random.Next(BucketCount));
        var folder = random.Next(5) switch
        {
            0 => "data/products_raw",
            1 => "data/orders_raw",
            2 => "incoming/partner-feeds",
            3 => "logs/application",
            _ => "curated/products",
        };
        var extension = random.Next(4) switch { 0 => "json", 1 => "csv", 2 => "parquet", _ => "gz" };
        // Hive-style partitioned keys, as Glue crawlers and jobs write them.
        var key = $"{folder}/ingest_source=partner-feed-{random.Next(1, 9)}/year=2026/month={random.Next(1, 13):D2}/day={random.Next(1, 29):D2}"
            + $"/hour={random.Next(24):D2}/{random.Next(5)}/part-{random.Next(100_000):D5}-{Hex(random, 16)}-c000.snappy.{extension}";
        var time = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc).AddSeconds(n);
        var detail = new JsonObject
        {
            ["version"] = "0",
            ["bucket"] = new JsonObject { ["name"] = bucket },
            ["object"] = new JsonObject
            {
                ["key"] = key,
                ["size"] = random.Next(8) == 0 ? 0 : random.Next(1, 5_000_000),
                ["etag"] = Hex(random, 16),
                ["version-id"] = random.Next(2) == 0 ? null : $"{Hex(random, 16)}.Mro8e",
                ["sequencer"] = $"00{random.NextInt64():X16}",
            },
            ["request-id"] = $"{random.NextInt64():X16}",
            ["requester"] = random.Next(3) == 0 ? "s3.amazonaws.com" : "arn:aws:sts::111122223333:assumed-role/GlueJobRole-products-ingest/GlueJobRunnerSession",
            ["source-ip-address"] = random.Next(3) switch
            {
                0 => $"10.{random.Next(8)}.{random.Next(256)}.{random.Next(256)}",
                1 => $"203.0.113.{random.Next(256)}",
                _ => $"2001:db8:{random.Next(65536):x}::{random.Next(65536):x}",
            },
            ["reason"] = random.Next(4) == 0 ? "CompleteMultipartUpload" : "PutObject",
            ["storage-class"] = random.Next(3) == 0 ? "STANDARD_IA" : "STANDARD",
        };
        if (detail["object"]!["version-id"] is null)
        {
            detail["object"]!.AsObject().Remove("version-id");
        }

        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = new Guid(Convert.FromHexString(Hex(random, 16))).ToString(),
            ["detail-type"] = "Object Created",
            ["source"] = "aws.s3",
            ["account"] = "111122223333",
            ["time"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = "eu-west-1",
            ["resources"] = new JsonArray($"arn:aws:s3:::{bucket}"),
            ["detail"] = detail,
        };
    }
}
