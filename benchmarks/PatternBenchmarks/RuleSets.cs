using System.Globalization;

namespace PatternBenchmarks;

/// <summary>The rules the benchmarks match against: five of each pattern kind, and large varied sets.</summary>
public static class RuleSets
{
    public static readonly string[] Kinds =
        ["exact", "prefix", "suffix", "numeric", "anything-but", "wildcard", "equals-ignore-case", "exists", "cidr"];

    private static readonly string[] Folders =
        ["data/products_raw", "data/orders_raw", "incoming/partner-feeds", "logs/application", "curated/products"];

    private static readonly string[] Extensions = ["json", "csv", "parquet", "gz", "avro"];

    /// <summary>Five rules of one kind, written as a data engineer would for S3 "Object Created" events.</summary>
    public static IReadOnlyList<string> FiveOf(string kind) => [.. Enumerable.Range(0, 5).Select(i => kind switch
    {
        "exact" => Fill("""{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["@bucket"]}}}""", ("@bucket", S3Events.Bucket(i))),
        "prefix" => Fill("""{"source":["aws.s3"],"detail":{"object":{"key":[{"prefix":"@folder/"}]}}}""", ("@folder", Folders[i])),
        "suffix" => Fill("""{"source":["aws.s3"],"detail":{"object":{"key":[{"suffix":".@ext"}]}}}""", ("@ext", Extensions[i])),
        "numeric" => Fill("""{"source":["aws.s3"],"detail":{"object":{"size":[{"numeric":[">",@low,"<=",@high]}]}}}""", ("@low", Number(i * 1_000_000)), ("@high", Number((i + 1) * 1_000_000))),
        "anything-but" => Fill("""{"source":["aws.s3"],"detail":{"bucket":{"name":[{"anything-but":["@one","@two"]}]}}}""", ("@one", S3Events.Bucket(i)), ("@two", S3Events.Bucket(i + 5))),
        "wildcard" => Fill("""{"source":["aws.s3"],"detail":{"object":{"key":[{"wildcard":"@folder/*/@i/part-*.json"}]}}}""", ("@folder", Folders[i]), ("@i", Number(i))),
        "equals-ignore-case" => Fill("""{"source":["aws.s3"],"detail":{"bucket":{"name":[{"equals-ignore-case":"@bucket"}]}}}""", ("@bucket", S3Events.Bucket(i).ToUpperInvariant())),
        "exists" => i switch
        {
            0 => """{"source":["aws.s3"],"detail":{"object":{"version-id":[{"exists":true}]}}}""",
            1 => """{"source":["aws.s3"],"detail":{"object":{"version-id":[{"exists":false}]}}}""",
            2 => """{"source":["aws.s3"],"detail":{"storage-class":[{"exists":true}]}}""",
            3 => """{"source":["aws.s3"],"detail":{"replication-status":[{"exists":false}]}}""",
            _ => """{"source":["aws.s3"],"detail":{"restore-expiry-time":[{"exists":true}]}}""",
        },
        "cidr" => i < 4
            ? Fill("""{"source":["aws.s3"],"detail":{"source-ip-address":[{"cidr":"10.@i.0.0/16"}]}}""", ("@i", Number(i)))
            : """{"source":["aws.s3"],"detail":{"source-ip-address":[{"cidr":"2001:db8::/32"}]}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pattern kind"),
    })];

    /// <summary>
    /// <paramref name="count"/> rules of every kind, as in a real account: most name a bucket, service or key that
    /// the benchmark's events never carry, so only a few match any one event.
    /// </summary>
    public static IReadOnlyList<string> Varied(int count, int seed = 7)
    {
        var random = new Random(seed);
        var rules = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            // Buckets other than the events' 50 never match; one rule in 200 names a bucket the events use.
            var bucket = random.Next(200) == 0 ? S3Events.Bucket(random.Next(S3Events.BucketCount)) : $"team-{i}-landing";
            var values = new (string, string)[]
            {
                ("@bucket", bucket),
                ("@upper", bucket.ToUpperInvariant()),
                ("@folder", Folders[random.Next(Folders.Length)]),
                ("@n", Number(random.Next(1000))),
                ("@big", Number(random.Next(1000, 5_000_000))),
                ("@octet", Number(random.Next(256))),
            };
            rules.Add(Fill(
                random.Next(20) switch
                {
                    < 6 => """{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["@bucket"]},"object":{"key":[{"prefix":"@folder/"}]}}}""",
                    < 8 => """{"source":["aws.s3"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventName":["PutObject","CompleteMultipartUpload"],"requestParameters":{"bucketName":["@bucket"]}}}""",
                    < 10 => """{"source":["aws.glue"],"detail-type":["Glue Job State Change"],"detail":{"jobName":["job-@n"],"state":["FAILED","TIMEOUT"]}}""",
                    10 => """{"source":["aws.s3"],"detail":{"bucket":{"name":["@bucket"]},"object":{"key":[{"suffix":".@n.json"}]}}}""",
                    11 => """{"source":["aws.s3"],"detail":{"bucket":{"name":["@bucket"]},"object":{"size":[{"numeric":[">",@n,"<=",@big]}]}}}""",
                    12 => """{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":[{"anything-but":["running","pending"]}],"instance-id":["i-@n"]}}""",
                    13 => """{"source":["aws.s3"],"detail":{"bucket":{"name":[{"equals-ignore-case":"@upper"}]}}}""",
                    14 => """{"source":["aws.s3"],"detail":{"bucket":{"name":["@bucket"]},"object":{"key":[{"wildcard":"@folder/*/part-@n*"}]}}}""",
                    15 => """{"source":["aws.s3"],"detail":{"bucket":{"name":["@bucket"]},"source-ip-address":[{"cidr":"10.@octet.0.0/16"}]}}""",
                    16 => """{"source":["aws.s3"],"detail":{"bucket":{"name":["@bucket"]},"object":{"version-id":[{"exists":false}]}}}""",
                    17 => """{"source":["aws.s3"],"$or":[{"detail":{"bucket":{"name":["@bucket"]}}},{"detail":{"object":{"key":[{"prefix":"archive/@n/"}]}}}]}""",
                    18 => """{"source":["aws.s3"],"detail-type":[{"prefix":"Object"}],"detail":{"bucket":{"name":[{"prefix":"@bucket"}]}}}""",
                    _ => """{"source":["aws.states"],"detail":{"status":["FAILED"],"stateMachineArn":[{"prefix":"arn:aws:states:eu-west-1:111122223333:stateMachine:sm-@n"}]}}""",
                },
                values));
        }

        return rules;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Fill(string template, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace(name, value, StringComparison.Ordinal);
        }

        return template;
    }
}
