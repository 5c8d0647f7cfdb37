using LocalCloud.Iam;
using LocalCloud.Iam.Policies;
using LocalCloud.Protocol;

namespace PolicyEvaluation;

/// <summary>
/// A delivery role's 10-statement policy with wildcards in actions and resources, NotAction, and conditions of
/// several families (ArnLike, StringEquals, StringLike, Bool, NumericLessThanEquals, IpAddress, DateLessThan,
/// IfExists), and a mix of requests: allowed, explicitly denied and implicitly denied.
/// </summary>
public static class Workload
{
    public const string Account = "123456789012";
    public const string RoleArn = "arn:aws:iam::123456789012:role/service-role/delivery";

    public const string Policy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "Notify", "Effect": "Allow", "Action": "glue:notifyEvent", "Resource": "arn:aws:glue:us-east-1:123456789012:workflow/products_*",
              "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:events:*:123456789012:rule/*" }, "StringEquals": { "aws:SourceAccount": "123456789012" } } },
            { "Sid": "ReadGlue", "Effect": "Allow", "Action": ["glue:Get*", "glue:List*", "glue:BatchGet*"], "Resource": "*" },
            { "Sid": "ReadRaw", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::raw-*", "arn:aws:s3:::raw-*/data/*"],
              "Condition": { "StringLikeIfExists": { "s3:prefix": ["data/*", "archive/20??/*"] } } },
            { "Sid": "NoDeletes", "Effect": "Deny", "Action": ["s3:Delete*", "glue:Delete*"], "Resource": "*" },
            { "Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:*:*:log-group:/aws-glue/*" },
            { "Sid": "TlsOnly", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } },
            { "Sid": "Metrics", "Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*", "Condition": { "StringEquals": { "cloudwatch:namespace": ["AWS/Glue", "Pipelines"] } } },
            { "Sid": "SmallPages", "Effect": "Allow", "Action": "s3:List*", "Resource": "arn:aws:s3:::raw-*", "Condition": { "NumericLessThanEquals": { "s3:max-keys": "1000" } } },
            { "Sid": "OfficeOnly", "Effect": "Deny", "NotAction": ["glue:notifyEvent", "logs:*", "cloudwatch:PutMetricData"], "Resource": "*",
              "Condition": { "NotIpAddress": { "aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"] } } },
            { "Sid": "UntilEndOfYear", "Effect": "Allow", "Action": "events:PutEvents", "Resource": "arn:aws:events:*:123456789012:event-bus/*",
              "Condition": { "DateLessThan": { "aws:CurrentTime": "2027-01-01T00:00:00Z" } } }
          ]
        }
        """;

    private static readonly Dictionary<string, string> Delivery = new()
    {
        ["aws:SourceArn"] = "arn:aws:events:us-east-1:123456789012:rule/products_raw_upload",
        ["aws:SourceAccount"] = Account,
        ["aws:SecureTransport"] = "true",
        ["aws:SourceIp"] = "10.1.2.3",
        ["aws:CurrentTime"] = "2026-11-25T12:00:00Z",
    };

    /// <summary>The requests, each with its context; the decisions are checked once so the benchmark measures real work.</summary>
    public static readonly (string Action, string Resource, Dictionary<string, string> Context, EvalDecision Expected)[] Requests =
    [
        ("glue:notifyEvent", "arn:aws:glue:us-east-1:123456789012:workflow/products_raw", Delivery, EvalDecision.Allowed),
        ("glue:GetWorkflowRun", "arn:aws:glue:us-east-1:123456789012:workflow/products_raw", Delivery, EvalDecision.Allowed),
        ("s3:GetObject", "arn:aws:s3:::raw-products/data/product_00001.json", With(Delivery, "s3:prefix", "data/"), EvalDecision.Allowed),
        ("s3:DeleteObject", "arn:aws:s3:::raw-products/data/product_00001.json", Delivery, EvalDecision.ExplicitDeny),
        ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws-glue/jobs", Delivery, EvalDecision.Allowed),
        ("glue:notifyEvent", "arn:aws:glue:us-east-1:123456789012:workflow/orders", Delivery, EvalDecision.ImplicitDeny),
        ("cloudwatch:PutMetricData", "*", With(Delivery, "cloudwatch:namespace", "AWS/Glue"), EvalDecision.Allowed),
        ("events:PutEvents", "arn:aws:events:us-east-1:123456789012:event-bus/default", With(Delivery, "aws:SourceIp", "198.51.100.7"), EvalDecision.ExplicitDeny),
    ];

    public static IReadOnlyList<NamedPolicy> Compiled() => [new NamedPolicy("delivery", "role", PolicyCompiler.Compile(Policy, PolicyKind.Identity))];

    public static PolicyRequestContext[] Contexts() => Requests.Select(r => PolicyRequestContext.From(r.Context)).ToArray();

    /// <summary>An IAM backend holding the delivery role with the policy, for the <see cref="IRoleAuthority"/> path.</summary>
    public static IamBackend Backend()
    {
        var iam = new IamBackend(TimeProvider.System);
        var context = new RequestContext(Account, "us-east-1", "iam", "benchmark", Account);
        iam.CreateRole(context, new CreateRoleRequest("/service-role/", "delivery",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", null, null, null, null));
        iam.PutRolePolicy(context, new PutRolePolicyRequest("delivery", "delivery", Policy));
        return iam;
    }

    /// <summary>Evaluates every request once and fails loudly if a decision is not the expected one.</summary>
    public static void Check(IReadOnlyList<NamedPolicy> policies, PolicyRequestContext[] contexts)
    {
        for (var i = 0; i < Requests.Length; i++)
        {
            var decision = PolicyEvaluator.Evaluate(policies, null, Requests[i].Action, Requests[i].Resource, contexts[i]).Decision;
            if (decision != Requests[i].Expected)
            {
                throw new InvalidOperationException($"{Requests[i].Action} on {Requests[i].Resource}: expected {Requests[i].Expected}, got {decision}.");
            }
        }
    }

    public static int EvaluateAll(IReadOnlyList<NamedPolicy> policies, PolicyRequestContext[] contexts)
    {
        var allowed = 0;
        for (var i = 0; i < Requests.Length; i++)
        {
            if (PolicyEvaluator.Evaluate(policies, null, Requests[i].Action, Requests[i].Resource, contexts[i]).Decision == EvalDecision.Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    public static int AuthorizeAll(IRoleAuthority authority)
    {
        var allowed = 0;
        foreach (var (action, resource, context, _) in Requests)
        {
            if (authority.IsAllowed(Account, RoleArn, action, resource, context).IsAllowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> context, string key, string value) => new(context) { [key] = value };
}
