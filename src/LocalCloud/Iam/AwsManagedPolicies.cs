using LocalCloud.Iam.Policies;

namespace LocalCloud.Iam;

/// <summary>
/// The AWS managed policies the demo and its users are likely to attach, with documents close to AWS's own
/// (<c>arn:aws:iam::aws:policy/…</c>). They are read-only: no account can create versions of them.
/// </summary>
internal static class AwsManagedPolicies
{
    private const string GlueServiceRole = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "glue:*", "s3:GetBucketLocation", "s3:ListBucket", "s3:ListAllMyBuckets", "s3:GetBucketAcl",
                "ec2:DescribeVpcEndpoints", "ec2:DescribeRouteTables", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcAttribute",
                "iam:ListRolePolicies", "iam:GetRole", "iam:GetRolePolicy", "cloudwatch:PutMetricData"
              ],
              "Resource": ["*"]
            },
            { "Effect": "Allow", "Action": ["s3:CreateBucket"], "Resource": ["arn:aws:s3:::aws-glue-*"] },
            {
              "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
              "Resource": ["arn:aws:s3:::aws-glue-*/*", "arn:aws:s3:::*/*aws-glue-*/*"]
            },
            { "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::crawler-public*", "arn:aws:s3:::aws-glue-*"] },
            {
              "Effect": "Allow",
              "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
              "Resource": ["arn:aws:logs:*:*:*:/aws-glue/*"]
            },
            {
              "Effect": "Allow",
              "Action": ["ec2:CreateTags", "ec2:DeleteTags"],
              "Condition": { "ForAllValues:StringEquals": { "aws:TagKeys": ["aws-glue-service-resource"] } },
              "Resource": ["arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:instance/*"]
            }
          ]
        }
        """;

    private const string S3ReadOnly = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
              "Resource": "*"
            }
          ]
        }
        """;

    private const string EventBridgeFullAccess = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "EventBridgeActions", "Effect": "Allow", "Action": ["events:*", "schemas:*", "scheduler:*", "pipes:*"], "Resource": "*" }
          ]
        }
        """;

    public static IReadOnlyDictionary<string, ManagedPolicy> Create(DateTimeOffset created) =>
        new[]
        {
            Make("AWSGlueServiceRole", "/service-role/", "Policy for AWS Glue service role which allows access to related services including EC2, S3, and Cloudwatch Logs", GlueServiceRole, created),
            Make("AmazonS3ReadOnlyAccess", "/", "Provides read only access to all buckets via the AWS Management Console.", S3ReadOnly, created),
            Make("AmazonEventBridgeFullAccess", "/", "Provides full access to Amazon EventBridge.", EventBridgeFullAccess, created),
        }.ToDictionary(p => p.Arn, StringComparer.Ordinal);

    private static ManagedPolicy Make(string name, string path, string description, string document, DateTimeOffset created)
    {
        var policy = new ManagedPolicy(name, path, IamIds.Policy(), $"arn:aws:iam::aws:policy{path}{name}", created, isAwsManaged: true)
        {
            Description = description,
            NextVersion = 2,
        };
        policy.Versions.Add(new ManagedPolicyVersion("v1", new NamedPolicy(name, policy.SourceType, PolicyCompiler.Compile(document, PolicyKind.Identity)), created));
        return policy;
    }
}
