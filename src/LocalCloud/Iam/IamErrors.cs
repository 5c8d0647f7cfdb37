using System.Net;
using LocalCloud.Protocol;

namespace LocalCloud.Iam;

/// <summary>IAM's errors, with the codes and HTTP statuses of botocore's <c>iam</c> model and IAM's wording.</summary>
public static class IamErrors
{
    public static AwsServiceException MalformedPolicy(string message) => new("MalformedPolicyDocument", message);

    public static AwsServiceException NoSuchEntity(string message) => new("NoSuchEntity", message, HttpStatusCode.NotFound);

    public static AwsServiceException AlreadyExists(string message) => new("EntityAlreadyExists", message, HttpStatusCode.Conflict);

    public static AwsServiceException DeleteConflict(string message) => new("DeleteConflict", message, HttpStatusCode.Conflict);

    public static AwsServiceException LimitExceeded(string message) => new("LimitExceeded", message, HttpStatusCode.Conflict);

    public static AwsServiceException InvalidInput(string message) => new("InvalidInput", message);

    public static AwsServiceException Validation(string message) => new("ValidationError", message);

    public static AwsServiceException PolicyNotAttachable(string message) => new("PolicyNotAttachable", message);

    public static AwsServiceException RoleNotFound(string roleName) => NoSuchEntity($"The role with name {roleName} cannot be found.");
}
