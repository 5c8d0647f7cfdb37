using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalCloud.Sqs;

/// <summary>
/// The attributes a queue is created with: which names exist, which may be set, their ranges and defaults (from the
/// CreateQueue documentation), and SQS's naming rules for standard and FIFO queues.
/// </summary>
internal static partial class QueueAttributes
{
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string MaximumMessageSize = "MaximumMessageSize";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string DelaySeconds = "DelaySeconds";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string FifoQueue = "FifoQueue";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";

    /// <summary>Attributes that only GetQueueAttributes reports.</summary>
    public static readonly string[] ReadOnly =
    [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    ];

    private static readonly Dictionary<string, (int Min, int Max)> IntegerRanges = new(StringComparer.Ordinal)
    {
        [VisibilityTimeout] = (0, 43_200),
        [MaximumMessageSize] = (1_024, 1_048_576),
        [MessageRetentionPeriod] = (60, 1_209_600),
        [DelaySeconds] = (0, 900),
        [ReceiveMessageWaitTimeSeconds] = (0, 20),
        ["KmsDataKeyReusePeriodSeconds"] = (60, 86_400),
    };

    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal) { FifoQueue, ContentBasedDeduplication, "SqsManagedSseEnabled" };

    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        ["DeduplicationScope"] = ["messageGroup", "queue"],
        ["FifoThroughputLimit"] = ["perQueue", "perMessageGroupId"],
    };

    private static readonly HashSet<string> FifoOnly = new(StringComparer.Ordinal) { ContentBasedDeduplication, "DeduplicationScope", "FifoThroughputLimit" };

    private static readonly HashSet<string> FreeText = new(StringComparer.Ordinal) { "Policy", "RedriveAllowPolicy", "KmsMasterKeyId", RedrivePolicy };

    /// <summary>Every attribute name GetQueueAttributes knows, <c>All</c> aside.</summary>
    public static bool IsKnown(string name) =>
        IntegerRanges.ContainsKey(name) || Booleans.Contains(name) || Choices.ContainsKey(name) || FreeText.Contains(name) || ReadOnly.Contains(name);

    /// <summary>A new queue's settable attributes: the defaults, overlaid with the request's, each validated.</summary>
    public static Dictionary<string, string> ForNewQueue(string name, IReadOnlyDictionary<string, string>? requested)
    {
        requested ??= new Dictionary<string, string>();
        var fifo = requested.TryGetValue(FifoQueue, out var fifoValue) && Normalize(FifoQueue, fifoValue) == "true";
        ValidateName(name, fifo);

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [VisibilityTimeout] = "30",
            [MaximumMessageSize] = "1048576",
            [MessageRetentionPeriod] = "345600",
            [DelaySeconds] = "0",
            [ReceiveMessageWaitTimeSeconds] = "0",
            ["SqsManagedSseEnabled"] = "true",
        };
        if (fifo)
        {
            attributes[FifoQueue] = "true";
            attributes[ContentBasedDeduplication] = "false";
            attributes["DeduplicationScope"] = "queue";
            attributes["FifoThroughputLimit"] = "perQueue";
        }

        foreach (var (key, value) in requested)
        {
            if (!fifo && FifoOnly.Contains(key))
            {
                throw SqsErrors.InvalidAttributeName($"{key} (it applies to FIFO queues only)");
            }

            if (key == FifoQueue && !fifo)
            {
                // FifoQueue=false is how AWS spells "standard"; it is not kept, as AWS reports it only for FIFO queues.
                continue;
            }

            attributes[key] = Normalize(key, value);
        }

        return attributes;
    }

    /// <summary>Validates one requested attribute and returns it as GetQueueAttributes reports it.</summary>
    public static string Normalize(string key, string value)
    {
        if (ReadOnly.Contains(key) || !IsKnown(key))
        {
            throw SqsErrors.InvalidAttributeName(key);
        }

        if (IntegerRanges.TryGetValue(key, out var range))
        {
            return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= range.Min && number <= range.Max
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw SqsErrors.InvalidAttributeValue(key, $"Must be an integer from {range.Min} to {range.Max}.");
        }

        if (Booleans.Contains(key))
        {
            return bool.TryParse(value, out var flag) ? (flag ? "true" : "false") : throw SqsErrors.InvalidAttributeValue(key, "Must be true or false.");
        }

        if (Choices.TryGetValue(key, out var choices))
        {
            return choices.Contains(value, StringComparer.Ordinal) ? value : throw SqsErrors.InvalidAttributeValue(key, $"Must be one of: {string.Join(", ", choices)}.");
        }

        if (key == RedrivePolicy)
        {
            _ = ParseRedrivePolicy(value);
        }

        return value;
    }

    /// <summary>The redrive policy's target and receive limit; a malformed policy is an InvalidAttributeValue naming what is wrong.</summary>
    public static (string DeadLetterTargetArn, int MaxReceiveCount) ParseRedrivePolicy(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var target = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("deadLetterTargetArn", out var arn) && arn.ValueKind == JsonValueKind.String
                ? arn.GetString()
                : null;
            if (target is null || !SqsArn.TryParse(target, out _))
            {
                throw SqsErrors.InvalidAttributeValue(RedrivePolicy, "deadLetterTargetArn must be the ARN of an SQS queue.");
            }

            var count = root.TryGetProperty("maxReceiveCount", out var max) ? max : default;
            var parsed = count.ValueKind switch
            {
                JsonValueKind.Number when count.TryGetInt32(out var n) => n,
                JsonValueKind.String when int.TryParse(count.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => 0,
            };
            return parsed is >= 1 and <= 1000
                ? (target, parsed)
                : throw SqsErrors.InvalidAttributeValue(RedrivePolicy, "maxReceiveCount must be an integer from 1 to 1000.");
        }
        catch (JsonException)
        {
            throw SqsErrors.InvalidAttributeValue(RedrivePolicy, "It must be a JSON object with deadLetterTargetArn and maxReceiveCount.");
        }
    }

    /// <summary>1 to 80 letters, digits, hyphens or underscores; a FIFO queue's name ends in <c>.fifo</c>, which counts.</summary>
    public static void ValidateName(string name, bool fifo)
    {
        if (fifo)
        {
            if (!name.EndsWith(".fifo", StringComparison.Ordinal) || name.Length > 80 || !NamePattern().IsMatch(name[..^5]))
            {
                throw SqsErrors.InvalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
            }
        }
        else if (name.EndsWith(".fifo", StringComparison.Ordinal))
        {
            throw SqsErrors.InvalidParameterValue("The name of a standard queue must not end with .fifo: set the FifoQueue attribute to true to create a FIFO queue.");
        }
        else if (name.Length > 80 || !NamePattern().IsMatch(name))
        {
            throw SqsErrors.InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}

/// <summary>An SQS queue ARN, <c>arn:aws:sqs:region:account:name</c>.</summary>
internal readonly record struct SqsArn(string Region, string Account, string Name)
{
    public static bool TryParse(string arn, out SqsArn parsed)
    {
        var parts = arn.Split(':');
        parsed = default;
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[3].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        parsed = new SqsArn(parts[3], parts[4], parts[5]);
        return true;
    }

    public override string ToString() => $"arn:aws:sqs:{Region}:{Account}:{Name}";
}
