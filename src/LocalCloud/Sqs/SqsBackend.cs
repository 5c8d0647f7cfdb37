using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LocalCloud.Persistence;
using LocalCloud.Protocol;

namespace LocalCloud.Sqs;

/// <summary>
/// Amazon SQS queues per (account, region): standard and FIFO queues, message attributes with AWS's digests,
/// visibility timeouts, delays, retention, redrive to a dead-letter queue, and long polling, all on the injected clock.
/// It is also the <see cref="IDeadLetterQueues"/> that EventBridge hands undeliverable events to.
/// </summary>
public sealed partial class SqsBackend : IDeadLetterQueues
{
    private readonly ConcurrentDictionary<(string Account, string Region, string Name), SqsQueue> _queues = new();
    private readonly TimeProvider _time;

    public SqsBackend(TimeProvider time, DurableStore? durable = null)
    {
        _time = time;
        Restore(durable ?? DurableStore.Disabled);
    }

    /// <summary>The queue URL AWS would give: <c>{endpoint}/{account}/{name}</c>.</summary>
    public static string QueueUrl(string endpoint, string account, string name) => $"{endpoint.TrimEnd('/')}/{account}/{name}";

    public CreateQueueResult CreateQueue(RequestContext context, string endpoint, CreateQueueRequest request)
    {
        var name = Required(request.QueueName, "QueueName");
        var attributes = QueueAttributes.ForNewQueue(name, request.Attributes);
        var key = (context.Account, context.Region, name);
        var queue = _queues.GetOrAdd(key, _ => new SqsQueue(context.Account, context.Region, name, attributes, _time.GetUtcNow()));
        lock (queue.Gate)
        {
            PersistQueue(queue);
            var differing = (request.Attributes ?? [])
                .Where(a => a.Key != QueueAttributes.FifoQueue || queue.IsFifo)
                .Where(a => queue.Attributes.GetValueOrDefault(a.Key) != QueueAttributes.Normalize(a.Key, a.Value))
                .Select(a => a.Key)
                .ToList();
            if (differing.Count > 0)
            {
                throw SqsErrors.QueueAlreadyExists(name, differing);
            }
        }

        return new CreateQueueResult(QueueUrl(endpoint, context.Account, name));
    }

    public GetQueueUrlResult GetQueueUrl(RequestContext context, string endpoint, GetQueueUrlRequest request)
    {
        var name = Required(request.QueueName, "QueueName");
        var account = string.IsNullOrEmpty(request.QueueOwnerAWSAccountId) ? context.Account : request.QueueOwnerAWSAccountId;
        return _queues.ContainsKey((account, context.Region, name))
            ? new GetQueueUrlResult(QueueUrl(endpoint, account, name))
            : throw SqsErrors.NonExistentQueue();
    }

    public ListQueuesResult ListQueues(RequestContext context, string endpoint, ListQueuesRequest request)
    {
        if (request.MaxResults is { } max && max is < 1 or > 1000)
        {
            throw SqsErrors.InvalidParameterValue("MaxResults", max, "Must be between 1 and 1000, if provided.");
        }

        var after = request.NextToken is { Length: > 0 } token ? DecodeToken(token) : null;
        var names = _queues.Keys
            .Where(k => k.Account == context.Account && k.Region == context.Region)
            .Select(k => k.Name)
            .Where(n => request.QueueNamePrefix is null || n.StartsWith(request.QueueNamePrefix, StringComparison.Ordinal))
            .Where(n => after is null || string.CompareOrdinal(n, after) > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = names.Take(request.MaxResults ?? 1000).ToList();
        var next = request.MaxResults is not null && names.Count > page.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])) : null;
        return new ListQueuesResult(page.Count == 0 ? null : [.. page.Select(n => QueueUrl(endpoint, context.Account, n))], next);
    }

    public GetQueueAttributesResult GetQueueAttributes(RequestContext context, GetQueueAttributesRequest request)
    {
        var queue = Resolve(context, request.QueueUrl);
        var requested = request.AttributeNames ?? [];
        foreach (var name in requested.Where(n => n != "All" && !QueueAttributes.IsKnown(n)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        var all = requested.Contains("All");
        var now = _time.GetUtcNow();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (queue.Gate)
        {
            queue.Expire(now);
            var (visible, inFlight, delayed) = queue.Counts(now);
            var values = new Dictionary<string, string>(queue.Attributes, StringComparer.Ordinal)
            {
                ["QueueArn"] = queue.Arn,
                ["ApproximateNumberOfMessages"] = visible.ToString(CultureInfo.InvariantCulture),
                ["ApproximateNumberOfMessagesNotVisible"] = inFlight.ToString(CultureInfo.InvariantCulture),
                ["ApproximateNumberOfMessagesDelayed"] = delayed.ToString(CultureInfo.InvariantCulture),
                ["CreatedTimestamp"] = queue.Created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["LastModifiedTimestamp"] = queue.LastModified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in values.Where(v => all || requested.Contains(v.Key)))
            {
                result[name] = value;
            }
        }

        return new GetQueueAttributesResult(result.Count == 0 ? null : result);
    }

    public Empty PurgeQueue(RequestContext context, PurgeQueueRequest request)
    {
        var queue = Resolve(context, request.QueueUrl);
        var now = _time.GetUtcNow();
        lock (queue.Gate)
        {
            if (queue.LastPurge is { } last && now - last < TimeSpan.FromSeconds(60))
            {
                throw SqsErrors.PurgeQueueInProgress(queue.Arn);
            }

            queue.LastPurge = now;
            queue.Purge();
            PersistPurge(queue);
        }

        return new Empty();
    }

    /// <summary>Finds the queue a queue URL names: its path is <c>/{account}/{name}</c>, and the region is the caller's.</summary>
    private SqsQueue Resolve(RequestContext context, string? queueUrl)
    {
        var url = Required(queueUrl, "QueueUrl");
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 2)
        {
            throw SqsErrors.InvalidAddress(url);
        }

        return _queues.TryGetValue((segments[0], context.Region, segments[1]), out var queue) ? queue : throw SqsErrors.NonExistentQueue();
    }

    private static string Required(string? value, string parameter) =>
        string.IsNullOrEmpty(value) ? throw SqsErrors.MissingParameter(parameter) : value;

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw SqsErrors.InvalidParameterValue("NextToken", token, "It is not a token that ListQueues returned.");
        }
    }
}
