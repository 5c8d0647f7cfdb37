using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Dashboard.Diagnostics.Delivery;

/// <summary>
/// A rule target's dead-letter queue as the checks see it: how many messages wait in it. Read with
/// <c>GetQueueUrl</c> and <c>GetQueueAttributes</c> only, which change nothing.
/// </summary>
public interface IDeadLetterQueues
{
    Task<DeadLetterQueueState> DescribeAsync(string queueArn, CancellationToken cancellationToken);
}

/// <summary>
/// A dead-letter queue's depth, or why it could not be read: <see cref="DeniedAction"/> names the SQS action the
/// dashboard was refused; <see cref="Exists"/> is false when the ARN names no queue (EventBridge then drops what it
/// would have dead-lettered, and counts it in <c>InvocationsFailedToBeSentToDlq</c>).
/// </summary>
public sealed record DeadLetterQueueState(string QueueArn, bool Exists, int? ApproximateCount, int? ApproximateNotVisible, string? DeniedAction, string? Problem);

/// <summary>An SQS queue ARN, <c>arn:aws:sqs:&lt;region&gt;:&lt;account&gt;:&lt;name&gt;</c>, read into its parts.</summary>
public sealed record SqsQueueArn(string Region, string Account, string Name)
{
    public static SqsQueueArn Parse(string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[3].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0)
        {
            throw new ArgumentException($"'{arn}' is not an SQS queue ARN; expected arn:aws:sqs:<region>:<account>:<queue-name>.", nameof(arn));
        }

        return new SqsQueueArn(parts[3], parts[4], parts[5]);
    }
}

/// <summary>Finds a queue's URL from its ARN: the name, and the owner's account in case the queue is another account's.</summary>
internal static class SqsQueueUrls
{
    public static async Task<string> ResolveAsync(IAmazonSQS sqs, SqsQueueArn arn, CancellationToken cancellationToken) =>
        (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = arn.Name, QueueOwnerAWSAccountId = arn.Account }, cancellationToken)).QueueUrl;

    public static bool IsAccessDenied(AmazonServiceException error) =>
        error.ErrorCode is "AccessDenied" or "AccessDeniedException" or "AWS.SimpleQueueService.AccessDenied"
        || error.StatusCode == System.Net.HttpStatusCode.Forbidden;
}

/// <summary>Reads dead-letter queues' depths through SQS. Never receives, never deletes.</summary>
public sealed class SqsDeadLetterQueues(IAmazonSQS sqs) : IDeadLetterQueues
{
    public async Task<DeadLetterQueueState> DescribeAsync(string queueArn, CancellationToken cancellationToken)
    {
        var arn = SqsQueueArn.Parse(queueArn);
        string url;
        try
        {
            url = await SqsQueueUrls.ResolveAsync(sqs, arn, cancellationToken);
        }
        catch (QueueDoesNotExistException)
        {
            return new DeadLetterQueueState(queueArn, false, null, null, null, $"There is no queue named {arn.Name} in account {arn.Account}.");
        }
        catch (AmazonServiceException error) when (SqsQueueUrls.IsAccessDenied(error))
        {
            return new DeadLetterQueueState(queueArn, true, null, null, "sqs:GetQueueUrl", error.Message);
        }

        try
        {
            var attributes = await sqs.GetQueueAttributesAsync(
                new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] },
                cancellationToken);
            return new DeadLetterQueueState(queueArn, true, attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible, null, null);
        }
        catch (AmazonServiceException error) when (SqsQueueUrls.IsAccessDenied(error))
        {
            return new DeadLetterQueueState(queueArn, true, null, null, "sqs:GetQueueAttributes", error.Message);
        }
    }
}
