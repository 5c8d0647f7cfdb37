using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LocalCloud.Protocol;

namespace LocalCloud.Sqs;

public sealed partial class SqsBackend
{
    private static readonly string[] SystemAttributeNames =
    [
        "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp",
        "SequenceNumber", "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn",
    ];

    public SendMessageResult SendMessage(RequestContext context, SendMessageRequest request)
    {
        var queue = Resolve(context, request.QueueUrl);
        var body = request.MessageBody is { Length: > 0 } text ? text : throw SqsErrors.MissingParameter("MessageBody");
        return Send(queue, body, request.MessageAttributes, request, context.AccessKeyId);
    }

    private SendMessageResult Send(SqsQueue queue, string body, Dictionary<string, MessageAttributeValue>? attributes, SendMessageRequest request, string senderId)
    {
        MessageValidation.ValidateBody(body);
        var size = Encoding.UTF8.GetByteCount(body) + MessageValidation.ValidateAttributes(attributes);
        var traceHeader = SystemAttributeForSend(request.MessageSystemAttributes);
        if (request.DelaySeconds is { } delay && delay is < 0 or > 900)
        {
            throw SqsErrors.InvalidParameterValue("DelaySeconds", delay, "DelaySeconds must be >= 0 and <= 900.");
        }

        var now = _time.GetUtcNow();
        lock (queue.Gate)
        {
            var maximum = queue.Setting(QueueAttributes.MaximumMessageSize);
            if (size > maximum)
            {
                throw SqsErrors.InvalidParameterValue($"One or more parameters are invalid. Reason: Message must be shorter than {maximum} bytes.");
            }

            var deduplicationId = FifoRules(queue, body, request);
            if (deduplicationId is not null && queue.Duplicate(deduplicationId, now) is { } earlier)
            {
                return new SendMessageResult(earlier.MessageId, MessageMd5.OfBody(body), MessageMd5.OfAttributes(attributes), earlier.SequenceNumber);
            }

            var message = new StoredMessage
            {
                MessageId = Guid.NewGuid().ToString(),
                Body = body,
                Md5OfBody = MessageMd5.OfBody(body),
                MessageAttributes = attributes ?? [],
                SentAt = now,
                SenderId = senderId,
                GroupId = request.MessageGroupId,
                DeduplicationId = deduplicationId,
                SequenceNumber = queue.IsFifo ? queue.NextSequenceNumber() : null,
                TraceHeader = traceHeader,
                VisibleAt = now.AddSeconds(request.DelaySeconds ?? queue.Setting(QueueAttributes.DelaySeconds)),
            };
            queue.Enqueue(message);
            PersistSent(queue, message);
            return new SendMessageResult(message.MessageId, message.Md5OfBody, MessageMd5.OfAttributes(attributes), message.SequenceNumber)
            {
                MD5OfMessageSystemAttributes = traceHeader is null ? null : MessageMd5.OfAttributes(request.MessageSystemAttributes),
            };
        }
    }

    /// <summary>
    /// FIFO queues need a MessageGroupId, refuse per-message delays, and need a deduplication id unless content-based
    /// deduplication is on. Standard queues refuse a deduplication id. Returns the deduplication id in force.
    /// </summary>
    private static string? FifoRules(SqsQueue queue, string body, SendMessageRequest request)
    {
        if (!queue.IsFifo)
        {
            return request.MessageDeduplicationId is { } id
                ? throw SqsErrors.InvalidParameterValue("MessageDeduplicationId", id, "The request include parameter that is not valid for this queue type.")
                : null;
        }

        if (string.IsNullOrEmpty(request.MessageGroupId))
        {
            throw SqsErrors.MissingParameter("MessageGroupId");
        }

        if (request.DelaySeconds is { } delay && delay != 0)
        {
            throw SqsErrors.InvalidParameterValue("DelaySeconds", delay, "The request include parameter that is not valid for this queue type.");
        }

        if (request.MessageDeduplicationId is { Length: > 0 } explicitId)
        {
            return explicitId;
        }

        return queue.Attributes.GetValueOrDefault(QueueAttributes.ContentBasedDeduplication) == "true"
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))
            : throw SqsErrors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
    }

    /// <summary>AWSTraceHeader is the only system attribute a sender may set, as a String.</summary>
    private static string? SystemAttributeForSend(Dictionary<string, MessageAttributeValue>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        if (attributes.Keys.FirstOrDefault(k => k != "AWSTraceHeader") is { } other)
        {
            throw SqsErrors.InvalidParameterValue($"Message system attribute name '{other}' is invalid.");
        }

        var trace = attributes["AWSTraceHeader"];
        return trace.DataType == "String" && !string.IsNullOrEmpty(trace.StringValue)
            ? trace.StringValue
            : throw SqsErrors.InvalidParameterValue("Message system attribute 'AWSTraceHeader' must be a non-empty String.");
    }

    /// <summary>
    /// Receives up to MaxNumberOfMessages. With WaitTimeSeconds (or the queue's ReceiveMessageWaitTimeSeconds) it waits
    /// on the injected clock until a message arrives or becomes visible, or the wait ends.
    /// </summary>
    public async ValueTask<ReceiveMessageResult> ReceiveMessageAsync(RequestContext context, ReceiveMessageRequest request, CancellationToken cancellationToken)
    {
        var queue = Resolve(context, request.QueueUrl);
        var max = request.MaxNumberOfMessages ?? 1;
        if (max is < 1 or > 10)
        {
            throw SqsErrors.InvalidParameterValue("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
        }

        if (request.VisibilityTimeout is { } visibility && visibility is < 0 or > 43_200)
        {
            throw SqsErrors.InvalidParameterValue("VisibilityTimeout", visibility, "Must be >= 0 and <= 43200, if provided.");
        }

        if (request.WaitTimeSeconds is { } requestedWait && requestedWait is < 0 or > 20)
        {
            throw SqsErrors.InvalidParameterValue("WaitTimeSeconds", requestedWait, "Must be >= 0 and <= 20, if provided.");
        }

        var systemNames = (request.MessageSystemAttributeNames ?? []).Concat(request.AttributeNames ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var name in systemNames.Where(n => n != "All" && !SystemAttributeNames.Contains(n)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        int wait;
        lock (queue.Gate)
        {
            wait = request.WaitTimeSeconds ?? queue.Setting(QueueAttributes.ReceiveMessageWaitTimeSeconds);
        }

        var deadline = _time.GetUtcNow().AddSeconds(wait);
        while (true)
        {
            Task arrived;
            TimeSpan sleep;
            List<SqsMessage> received;
            var moves = new List<(SqsQueue Target, StoredMessage Message)>();
            bool done;
            lock (queue.Gate)
            {
                var now = _time.GetUtcNow();
                received = Take(queue, now, max, request.VisibilityTimeout, systemNames, request.MessageAttributeNames ?? [], moves);
                done = received.Count > 0 || now >= deadline;
                var wake = queue.NextVisibleAt(now) is { } next && next < deadline ? next : deadline;
                sleep = wake - now;
                arrived = queue.Arrived;
            }

            // Moved messages enter their dead-letter queue outside this queue's lock, so two queues never wait on each other.
            foreach (var (target, message) in moves)
            {
                lock (target.Gate)
                {
                    target.Enqueue(message);
                    PersistMoved(queue, target, message);
                }
            }

            if (done)
            {
                return new ReceiveMessageResult(received.Count == 0 ? null : received);
            }

            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(arrived, Task.Delay(sleep, _time, stopDelay.Token));
            await stopDelay.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private List<SqsMessage> Take(
        SqsQueue queue, DateTimeOffset now, int max, int? visibility, HashSet<string> systemNames, List<string> attributeNames, List<(SqsQueue Target, StoredMessage Message)> moves)
    {
        queue.Expire(now);
        var redrive = queue.Attributes.TryGetValue(QueueAttributes.RedrivePolicy, out var policy) ? QueueAttributes.ParseRedrivePolicy(policy) : default;
        var timeout = TimeSpan.FromSeconds(visibility ?? queue.Setting(QueueAttributes.VisibilityTimeout));
        var received = new List<SqsMessage>();
        foreach (var message in queue.Receivable(now).ToList())
        {
            if (received.Count == max)
            {
                break;
            }

            if (redrive.DeadLetterTargetArn is not null && message.ReceiveCount >= redrive.MaxReceiveCount && MoveToDeadLetterQueue(queue, message, redrive.DeadLetterTargetArn, now, moves))
            {
                continue;
            }

            message.ReceiveCount++;
            message.FirstReceivedAt ??= now;
            message.VisibleAt = now + timeout;
            message.ReceiptHandle = ReceiptHandle.Create(message.MessageId, message.ReceiveCount);
            PersistMessage(queue, message);
            received.Add(Deliver(message, systemNames, attributeNames));
        }

        return received;
    }

    /// <summary>
    /// Past maxReceiveCount a message leaves for the dead-letter queue, when that queue exists in the same account and
    /// region; the caller enqueues it there once this queue's lock is released.
    /// </summary>
    private bool MoveToDeadLetterQueue(SqsQueue source, StoredMessage message, string targetArn, DateTimeOffset now, List<(SqsQueue Target, StoredMessage Message)> moves)
    {
        if (!SqsArn.TryParse(targetArn, out var arn) || arn.Region != source.Region || !_queues.TryGetValue((arn.Account, arn.Region, arn.Name), out var target) || target == source)
        {
            return false;
        }

        source.Remove(message);
        moves.Add((target, new StoredMessage
        {
            MessageId = message.MessageId,
            Body = message.Body,
            Md5OfBody = message.Md5OfBody,
            MessageAttributes = message.MessageAttributes,
            SentAt = message.SentAt,
            SenderId = message.SenderId,
            GroupId = message.GroupId,
            DeduplicationId = message.DeduplicationId,
            SequenceNumber = message.SequenceNumber,
            TraceHeader = message.TraceHeader,
            VisibleAt = now,
            DeadLetterSourceArn = source.Arn,
            Ordinal = message.Ordinal,
        }));
        return true;
    }

    private static SqsMessage Deliver(StoredMessage message, HashSet<string> systemNames, List<string> attributeNames)
    {
        var all = systemNames.Contains("All");
        var system = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SenderId"] = message.SenderId,
            ["SentTimestamp"] = message.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            ["ApproximateFirstReceiveTimestamp"] = message.FirstReceivedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["SequenceNumber"] = message.SequenceNumber,
            ["MessageDeduplicationId"] = message.DeduplicationId,
            ["MessageGroupId"] = message.GroupId,
            ["AWSTraceHeader"] = message.TraceHeader,
            ["DeadLetterQueueSourceArn"] = message.DeadLetterSourceArn,
        };
        var attributes = system
            .Where(a => a.Value is not null && (all || systemNames.Contains(a.Key)))
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);

        var userAttributes = message.MessageAttributes
            .Where(a => attributeNames.Any(pattern => MatchesAttributeName(pattern, a.Key)))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

        return new SqsMessage(
            message.MessageId,
            message.ReceiptHandle ?? string.Empty,
            message.Md5OfBody,
            message.Body,
            attributes.Count == 0 ? null : attributes,
            MessageMd5.OfAttributes(userAttributes),
            userAttributes.Count == 0 ? null : userAttributes);
    }

    /// <summary><c>All</c> and <c>.*</c> match every name, <c>prefix.*</c> those under the prefix, anything else itself.</summary>
    private static bool MatchesAttributeName(string pattern, string name) =>
        pattern is "All" or ".*"
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(pattern[..^1], StringComparison.Ordinal))
        || pattern == name;

    public Empty DeleteMessage(RequestContext context, DeleteMessageRequest request)
    {
        var queue = Resolve(context, request.QueueUrl);
        var handle = ReceiptHandle.Parse(Required(request.ReceiptHandle, "ReceiptHandle"));
        lock (queue.Gate)
        {
            // A stale handle (an earlier receive's) is accepted and deletes nothing, as SQS documents.
            if (queue.Find(handle.MessageId) is { } message && message.ReceiptHandle == handle.Text)
            {
                queue.Remove(message);
                PersistDeleted(queue, message);
            }
        }

        return new Empty();
    }

    public Empty ChangeMessageVisibility(RequestContext context, ChangeMessageVisibilityRequest request)
    {
        var queue = Resolve(context, request.QueueUrl);
        var handle = ReceiptHandle.Parse(Required(request.ReceiptHandle, "ReceiptHandle"));
        var visibility = request.VisibilityTimeout ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        if (visibility is < 0 or > 43_200)
        {
            throw SqsErrors.InvalidParameterValue("VisibilityTimeout", visibility, "Must be >= 0 and <= 43200, if provided.");
        }

        lock (queue.Gate)
        {
            var now = _time.GetUtcNow();
            if (queue.Find(handle.MessageId) is not { } message || message.ReceiptHandle != handle.Text || !message.IsInFlight(now))
            {
                throw SqsErrors.MessageNotInflight();
            }

            message.VisibleAt = now.AddSeconds(visibility);
            PersistMessage(queue, message);
        }

        return new Empty();
    }

    /// <inheritdoc />
    public string? TrySend(string queueArn, string body, IReadOnlyDictionary<string, string> attributes)
    {
        if (!SqsArn.TryParse(queueArn, out var arn))
        {
            return $"'{queueArn}' is not an SQS queue ARN (arn:aws:sqs:region:account:name).";
        }

        if (!_queues.TryGetValue((arn.Account, arn.Region, arn.Name), out var queue))
        {
            return _queues.Keys.Any(k => k.Account == arn.Account && k.Name == arn.Name)
                ? $"The dead-letter queue {queueArn} does not exist in {arn.Region}; a dead-letter queue must be in the same region as the rule."
                : $"The dead-letter queue {queueArn} does not exist.";
        }

        if (queue.IsFifo)
        {
            return $"The dead-letter queue {queueArn} is a FIFO queue; EventBridge sends to standard queues only.";
        }

        var messageAttributes = attributes.ToDictionary(a => a.Key, a => new MessageAttributeValue("String", a.Value), StringComparer.Ordinal);
        try
        {
            Send(queue, body, messageAttributes, new SendMessageRequest(null, body, null, messageAttributes, null, null, null), "events.amazonaws.com");
            return null;
        }
        catch (SqsException refused)
        {
            return $"The dead-letter queue {queueArn} refused the message: {refused.Message}";
        }
    }
}

/// <summary>
/// A receipt handle: the message id and the receive it came from, made opaque. Only the latest receive's handle acts
/// on the message; a handle that does not decode is <c>ReceiptHandleIsInvalid</c>.
/// </summary>
internal sealed record ReceiptHandle(string MessageId, string Text)
{
    public static string Create(string messageId, int receive) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{messageId}/{receive.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}"));

    public static ReceiptHandle Parse(string text)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written)
            && Encoding.UTF8.GetString(buffer, 0, written).Split('/') is [{ Length: 36 } messageId, { Length: > 0 }, { Length: 32 }])
        {
            return new ReceiptHandle(messageId, text);
        }

        throw SqsErrors.ReceiptHandleIsInvalid(text);
    }
}
