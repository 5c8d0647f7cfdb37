using System.Collections.Concurrent;
using Dashboard.Diagnostics.Delivery;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Dead-letter queues whose state a test sets per ARN: missing, holding messages, or refused to the dashboard. A queue
/// no test set is there and empty, as <see cref="EmptyDeadLetterQueues"/> answers.
/// </summary>
public sealed class FakeDeadLetterQueues : IDeadLetterQueues
{
    private readonly ConcurrentDictionary<string, DeadLetterQueueState> _states = new(StringComparer.Ordinal);

    /// <summary>Every ARN asked about, in order.</summary>
    public ConcurrentQueue<string> Described { get; } = new();

    public FakeDeadLetterQueues Holding(string queueArn, int messages)
    {
        _states[queueArn] = new DeadLetterQueueState(queueArn, Exists: true, messages, ApproximateNotVisible: 0, DeniedAction: null, Problem: null);
        return this;
    }

    public FakeDeadLetterQueues Missing(string queueArn)
    {
        _states[queueArn] = new DeadLetterQueueState(queueArn, Exists: false, null, null, null, $"There is no queue named {SqsQueueArn.Parse(queueArn).Name}.");
        return this;
    }

    /// <summary>SQS refused <paramref name="action"/> (for example <c>sqs:GetQueueAttributes</c>) to the dashboard.</summary>
    public FakeDeadLetterQueues Denied(string queueArn, string action)
    {
        _states[queueArn] = new DeadLetterQueueState(queueArn, Exists: true, null, null, action, $"User: arn:aws:iam::123456789012:user/dashboard is not authorized to perform: {action}");
        return this;
    }

    public Task<DeadLetterQueueState> DescribeAsync(string queueArn, CancellationToken cancellationToken)
    {
        Described.Enqueue(queueArn);
        return Task.FromResult(_states.GetValueOrDefault(queueArn)
            ?? new DeadLetterQueueState(queueArn, Exists: true, ApproximateCount: 0, ApproximateNotVisible: 0, DeniedAction: null, Problem: null));
    }
}
