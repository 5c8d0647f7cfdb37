using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Cloud;
using Dashboard.Playground;

namespace Dashboard.Diagnostics.Wiring;

/// <summary>
/// The event a real upload would send EventBridge, synthesized for a bucket and key: S3's own "Object Created", or the
/// "AWS API Call via CloudTrail" record of a PutObject. It carries every field TestEventPattern requires (id, account,
/// source, time, region, resources, detail-type), spelled as AWS sends them.
/// </summary>
public static class SampleUpload
{
    /// <summary>The object name used under the watched prefix.</summary>
    public const string ObjectName = "sample-upload.json";

    public static string For(UploadEventKind kind, string bucket, string key, CloudIdentityInfo identity, DateTimeOffset at)
    {
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var bucketArn = $"arn:{identity.Partition}:s3:::{bucket}";
        var root = new JsonObject
        {
            ["version"] = "0",
            ["id"] = "00000000-0000-0000-0000-000000000001",
            ["detail-type"] = kind == UploadEventKind.ObjectCreated ? "Object Created" : "AWS API Call via CloudTrail",
            ["source"] = "aws.s3",
            ["account"] = identity.AccountId,
            ["time"] = time,
            ["region"] = identity.Region,
        };

        if (kind == UploadEventKind.ObjectCreated)
        {
            root["resources"] = new JsonArray(bucketArn);
            root["detail"] = new JsonObject
            {
                ["version"] = "0",
                ["bucket"] = new JsonObject { ["name"] = bucket },
                ["object"] = new JsonObject { ["key"] = key, ["size"] = 1024, ["etag"] = "d41d8cd98f00b204e9800998ecf8427e" },
                ["request-id"] = "SAMPLEREQUEST0001",
                ["requester"] = identity.AccountId,
                ["reason"] = "PutObject",
            };
        }
        else
        {
            root["resources"] = new JsonArray();
            root["detail"] = new JsonObject
            {
                ["eventVersion"] = "1.09",
                ["eventTime"] = time,
                ["eventSource"] = "s3.amazonaws.com",
                ["eventName"] = "PutObject",
                ["awsRegion"] = identity.Region,
                ["requestParameters"] = new JsonObject { ["bucketName"] = bucket, ["Host"] = $"{bucket}.s3.{identity.Region}.amazonaws.com", ["key"] = key },
                ["resources"] = new JsonArray(
                    new JsonObject { ["type"] = "AWS::S3::Object", ["ARN"] = $"{bucketArn}/{key}" },
                    new JsonObject { ["accountId"] = identity.AccountId, ["type"] = "AWS::S3::Bucket", ["ARN"] = bucketArn }),
                ["eventCategory"] = "Data",
            };
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
