using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LocalCloud.Events;

namespace LocalCloud.CloudTrail;

/// <summary>
/// One API call as CloudTrail logs it: the call, the identity it names, and the full event record (the JSON that
/// LookupEvents returns as <c>CloudTrailEvent</c> and EventBridge receives as the detail of "AWS API Call via
/// CloudTrail").
/// </summary>
public sealed class CloudTrailRecord
{
    public const string EventVersion = "1.09";

    private static readonly string[] ReadOnlyPrefixes = ["Get", "List", "Describe", "Head", "Lookup", "Search", "BatchGet"];

    private CloudTrailRecord(ApiCallRecord call, string eventId, string requestId, UserIdentity identity)
    {
        Call = call;
        EventId = eventId;
        RequestId = requestId;
        Identity = identity;
        ReadOnly = IsReadOnly(call.EventName);
        Json = BuildJson();
    }

    public ApiCallRecord Call { get; }

    public string EventId { get; }

    public string RequestId { get; }

    public UserIdentity Identity { get; }

    public bool ReadOnly { get; }

    /// <summary><c>Management</c> or <c>Data</c>.</summary>
    public string Category => Call.IsDataEvent ? "Data" : "Management";

    public JsonObject Json { get; }

    public static CloudTrailRecord From(ApiCallRecord call, string eventId, string requestId) =>
        new(call, eventId, requestId, UserIdentity.Of(call.Username, call.Account, call.UserAgent));

    /// <summary>Whether an operation only reads: Get*, List*, Describe*, Head*, Lookup*, Search*, BatchGet*.</summary>
    public static bool IsReadOnly(string eventName) =>
        ReadOnlyPrefixes.Any(p => eventName.StartsWith(p, StringComparison.Ordinal) && (eventName.Length == p.Length || char.IsUpper(eventName[p.Length])));

    /// <summary>The name a resource is looked up by: a bucket's name, a workflow's name, or the ARN when it has no name part.</summary>
    public static string ResourceName(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length < 6 || parts[5].Length == 0)
        {
            return arn;
        }

        var resource = parts[5];
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return parts[2] == "s3" || slash < 0 ? resource : resource[(slash + 1)..];
    }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private JsonObject BuildJson()
    {
        var record = new JsonObject
        {
            ["eventVersion"] = EventVersion,
            ["userIdentity"] = Identity.ToJson(),
            ["eventTime"] = Timestamp(Call.Time),
            ["eventSource"] = Call.EventSource,
            ["eventName"] = Call.EventName,
            ["awsRegion"] = Call.Region,
            ["sourceIPAddress"] = Identity.InvokedBy ?? "127.0.0.1",
            ["userAgent"] = Call.UserAgent ?? "LocalCloud",
        };

        if (Call.ErrorCode is { } errorCode)
        {
            // A refused call: CloudTrail records who was refused and why, and no response.
            record["errorCode"] = errorCode;
            record["errorMessage"] = Call.ErrorMessage;
        }

        record["requestParameters"] = Call.RequestParameters.DeepClone();
        record["responseElements"] = Call.ResponseElements?.DeepClone();

        if (Call.EventSource == "s3.amazonaws.com")
        {
            record["additionalEventData"] = new JsonObject { ["SignatureVersion"] = "SigV4", ["AuthenticationMethod"] = "AuthHeader" };
        }

        record["requestID"] = RequestId;
        record["eventID"] = EventId;
        record["readOnly"] = ReadOnly;
        if (Call.Resources.Count > 0)
        {
            record["resources"] = new JsonArray([.. Call.Resources.Select(r => (JsonNode)ResourceJson(r))]);
        }

        record["eventType"] = "AwsApiCall";
        record["managementEvent"] = !Call.IsDataEvent;
        record["recipientAccountId"] = Call.Account;
        record["eventCategory"] = Category;
        return record;
    }

    private JsonObject ResourceJson(CloudTrailResource resource)
    {
        var json = new JsonObject();
        if (resource.Type != "AWS::S3::Object")
        {
            json["accountId"] = Call.Account;
        }

        json["type"] = resource.Type;
        json["ARN"] = resource.Arn;
        return json;
    }
}

/// <summary>
/// Who made a call, from <see cref="ApiCallRecord.Username"/>: <c>root</c> (or nothing) is the account's root user, an
/// <c>arn:aws:sts::…:assumed-role/Role/Session</c> an assumed role, <c>service.amazonaws.com</c> an AWS service, and an
/// <c>arn:aws:iam::…:user/Name</c> or a plain name an IAM user. A service user agent marks the call as made by that
/// service (<c>invokedBy</c>); with a plain name, the name is the role the service assumed, as when EventBridge calls
/// Glue with a target's role.
/// </summary>
public sealed record UserIdentity(string Type, string? PrincipalId, string? Arn, string? AccountId, string? UserName, string LookupName, string? InvokedBy, JsonObject? SessionContext)
{
    public static UserIdentity Of(string? username, string account, string? userAgent)
    {
        var invokedBy = userAgent is not null && userAgent.EndsWith(".amazonaws.com", StringComparison.Ordinal) ? userAgent : null;
        if (string.IsNullOrEmpty(username) || username == "root")
        {
            return new("Root", account, $"arn:aws:iam::{account}:root", account, null, "root", invokedBy, null);
        }

        if (username.EndsWith(".amazonaws.com", StringComparison.Ordinal))
        {
            return new("AWSService", null, null, null, null, username, username, null);
        }

        var parts = username.Split(':', 6);
        if (parts is ["arn", _, "sts", _, var roleAccount, var assumed] && assumed.StartsWith("assumed-role/", StringComparison.Ordinal) && assumed.Split('/') is [_, var role, var session])
        {
            return AssumedRole(roleAccount, role, session, session, invokedBy);
        }

        if (invokedBy is not null && !username.Contains(':', StringComparison.Ordinal))
        {
            // A role a service assumed to make the call (EventBridge calling Glue with a target's role), named by the
            // role's name: the session is the service's.
            return AssumedRole(account, username, invokedBy.Split('.')[0], username, invokedBy);
        }

        var userName = parts is ["arn", _, "iam", _, _, var user] && user.StartsWith("user/", StringComparison.Ordinal) ? user[(user.LastIndexOf('/') + 1)..] : username;
        var userAccount = parts is ["arn", _, "iam", _, var a, _] ? a : account;
        var principalId = "AIDA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userAccount + "/" + userName)))[..17];
        return new("IAMUser", principalId, $"arn:aws:iam::{userAccount}:user/{userName}", userAccount, userName, userName, invokedBy, null);
    }

    private static UserIdentity AssumedRole(string account, string role, string session, string lookupName, string? invokedBy)
    {
        var roleArn = $"arn:aws:iam::{account}:role/{role}";
        var roleId = "AROA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn)))[..17];
        var context = new JsonObject
        {
            ["sessionIssuer"] = new JsonObject
            {
                ["type"] = "Role",
                ["principalId"] = roleId,
                ["arn"] = roleArn,
                ["accountId"] = account,
                ["userName"] = role,
            },
        };
        return new("AssumedRole", $"{roleId}:{session}", $"arn:aws:sts::{account}:assumed-role/{role}/{session}", account, null, lookupName, invokedBy, context);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type };
        Add(json, "principalId", PrincipalId);
        Add(json, "arn", Arn);
        Add(json, "accountId", AccountId);
        Add(json, "userName", UserName);
        if (SessionContext is not null)
        {
            json["sessionContext"] = SessionContext.DeepClone();
        }

        Add(json, "invokedBy", InvokedBy);
        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
