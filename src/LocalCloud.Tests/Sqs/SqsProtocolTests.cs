using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Sqs;

/// <summary>SQS over HTTP: both wire protocols as raw requests, and the AWS SDK for .NET, which verifies SQS's digests.</summary>
public sealed class SqsProtocolTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private static readonly HttpClient Http = new();

    private static string Authorization(string account) =>
        $"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0";

    private async Task<HttpResponseMessage> JsonAsync(string account, string operation, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, cloud.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AmazonSQS.{operation}");
        request.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(account));
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> QueryAsync(string account, string path, params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cloud.Endpoint, path))
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("Version", "2012-11-05"))),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(account));
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Json_UnknownQueue_ShapeInTypeAndQueryCodeInHeader()
    {
        using var response = await JsonAsync(LocalCloudFixture.NewAccount(), "GetQueueUrl", """{"QueueName":"missing"}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("com.amazonaws.sqs#QueueDoesNotExist", body.GetProperty("__type").GetString());
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
    }

    [Fact]
    public async Task Json_SendAndReceive_RoundTripsAttributes()
    {
        var account = LocalCloudFixture.NewAccount();
        using var created = await JsonAsync(account, "CreateQueue", """{"QueueName":"json"}""");
        var url = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("QueueUrl").GetString();

        using var sent = await JsonAsync(account, "SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"hi\",\"MessageAttributes\":{\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQID\"}}}");
        using var received = await JsonAsync(account, "ReceiveMessage", $$"""{"QueueUrl":"{{url}}","MessageAttributeNames":["All"]}""");

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var message = JsonDocument.Parse(await received.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("Messages")[0];
        Assert.Equal("AQID", message.GetProperty("MessageAttributes").GetProperty("b").GetProperty("BinaryValue").GetString());
        Assert.Equal(cloud.Endpoint.ToString().TrimEnd('/') + $"/{account}/json", url);
    }

    [Fact]
    public async Task Query_FlattenedAttributesInAndOut()
    {
        var account = LocalCloudFixture.NewAccount();
        using var created = await QueryAsync(account, "/", ("Action", "CreateQueue"), ("QueueName", "query"), ("Attribute.1.Name", "VisibilityTimeout"), ("Attribute.1.Value", "45"));
        XNamespace ns = "http://queue.amazonaws.com/doc/2012-11-05/";
        var url = XDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Descendants(ns + "QueueUrl").Single().Value;
        var path = new Uri(url).AbsolutePath;

        await QueryAsync(account, path, ("Action", "SendMessage"), ("QueueUrl", url), ("MessageBody", "hi"),
            ("MessageAttribute.1.Name", "k"), ("MessageAttribute.1.Value.DataType", "String"), ("MessageAttribute.1.Value.StringValue", "v"));
        using var attributes = await QueryAsync(account, path, ("Action", "GetQueueAttributes"), ("QueueUrl", url), ("AttributeName.1", "VisibilityTimeout"), ("AttributeName.2", "ApproximateNumberOfMessages"));
        using var received = await QueryAsync(account, path, ("Action", "ReceiveMessage"), ("QueueUrl", url), ("MessageAttributeName.1", "All"), ("AttributeName.1", "All"));

        var attributeXml = XDocument.Parse(await attributes.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            [("VisibilityTimeout", "45"), ("ApproximateNumberOfMessages", "1")],
            attributeXml.Descendants(ns + "Attribute").Select(a => (a.Element(ns + "Name")?.Value, a.Element(ns + "Value")?.Value)).OrderByDescending(a => a.Item1).ToList());
        var message = XDocument.Parse(await received.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Descendants(ns + "Message").Single();
        Assert.Equal("hi", message.Element(ns + "Body")?.Value);
        Assert.Equal("v", message.Element(ns + "MessageAttribute")?.Element(ns + "Value")?.Element(ns + "StringValue")?.Value);
        Assert.Contains(message.Elements(ns + "Attribute"), a => a.Element(ns + "Name")?.Value == "ApproximateReceiveCount" && a.Element(ns + "Value")?.Value == "1");
    }

    [Fact]
    public async Task Query_Error_IsErrorResponseWithTheQueryCode()
    {
        using var response = await QueryAsync(LocalCloudFixture.NewAccount(), "/", ("Action", "ReceiveMessage"), ("QueueUrl", "http://localhost/000000000000/q"), ("MaxNumberOfMessages", "11"));

        XNamespace ns = "http://queue.amazonaws.com/doc/2012-11-05/";
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Descendants(ns + "Error").Single();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.Element(ns + "Code")?.Value);
        Assert.Equal("Sender", error.Element(ns + "Type")?.Value);
    }

    [Fact]
    public async Task DotNetSdk_VerifiesBodyAndAttributeDigests_OnSendAndReceive()
    {
        using var sqs = Client(cloud.Endpoint, LocalCloudFixture.NewAccount());
        var ct = TestContext.Current.CancellationToken;
        var url = (await sqs.CreateQueueAsync("sdk", ct)).QueueUrl;
        var attributes = new Dictionary<string, MessageAttributeValue>
        {
            ["name"] = new() { DataType = "String", StringValue = "Télévision" },
            ["count"] = new() { DataType = "Number.int", StringValue = "5" },
            ["raw"] = new() { DataType = "Binary", BinaryValue = new MemoryStream([0, 1, 2, 255]) },
        };

        // The SDK throws AmazonSQSException ("MD5 hash mismatch") when a digest is wrong.
        var sent = await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "{\"product_id\":\"00001\"}", MessageAttributes = attributes }, ct);
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MessageAttributeNames = ["All"], MessageSystemAttributeNames = ["All"] }, ct);
        await sqs.DeleteMessageAsync(url, received.Messages[0].ReceiptHandle, ct);

        var message = Assert.Single(received.Messages);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("Télévision", message.MessageAttributes["name"].StringValue);
        Assert.Equal([0, 1, 2, 255], message.MessageAttributes["raw"].BinaryValue.ToArray());
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        var counts = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], ct);
        Assert.Equal((0, 0), (counts.ApproximateNumberOfMessages, counts.ApproximateNumberOfMessagesNotVisible));
    }

    [Fact]
    public async Task DotNetSdk_UnknownQueue_IsQueueDoesNotExistException()
    {
        using var sqs = Client(cloud.Endpoint, LocalCloudFixture.NewAccount());

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.GetQueueUrlAsync("missing", TestContext.Current.CancellationToken));

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.ErrorCode);
    }

    internal static AmazonSQSClient Client(Uri endpoint, string account) =>
        new(new BasicAWSCredentials(account, "test"), new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" });
}
