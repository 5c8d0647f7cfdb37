using System.Net;
using Amazon.Runtime;

namespace Dashboard.Aws.Protocol;

/// <summary>
/// An error that an AWS service returned. The subclasses group AWS's error codes by what the caller can do about
/// them; <see cref="AmazonServiceException.ErrorCode"/> keeps the exact code.
/// </summary>
public class AwsApiException : AmazonServiceException
{
    public AwsApiException(AwsErrorDetails details, Exception? innerException = null)
        : base(details.Describe(), innerException, details.ErrorType, details.Code, details.RequestId, details.StatusCode)
    {
        Details = details;
    }

    public AwsErrorDetails Details { get; }

    /// <summary>The service id, for example <c>Glue</c>.</summary>
    public string Service => Details.Service;

    /// <summary>The operation that failed, for example <c>GetWorkflow</c>.</summary>
    public string Operation => Details.Operation;

    /// <summary>The message from AWS, without our prefix.</summary>
    public string AwsMessage => Details.Message;
}

/// <summary>The named entity does not exist (Glue <c>EntityNotFoundException</c>, IAM <c>NoSuchEntity</c>, …).</summary>
public sealed class AwsNotFoundException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>The caller's credentials lack a permission (<c>AccessDenied</c>, <c>AccessDeniedException</c>, …).</summary>
public sealed class AwsAccessDeniedException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>The credentials are missing, expired or invalid.</summary>
public sealed class AwsAuthenticationException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>The request was malformed or out of range (<c>InvalidInputException</c>, <c>ValidationException</c>, …).</summary>
public sealed class AwsInvalidInputException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>The entity's state forbids the change right now (concurrent modification, concurrency limit, …).</summary>
public sealed class AwsConflictException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>The caller exceeded a rate or a quota. The SDK already retried with backoff.</summary>
public sealed class AwsThrottlingException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>The service failed (5xx). The SDK already retried with backoff.</summary>
public sealed class AwsServiceFailureException(AwsErrorDetails details, Exception? innerException = null)
    : AwsApiException(details, innerException);

/// <summary>What AWS said, and where.</summary>
public sealed record AwsErrorDetails(
    string Service,
    string Operation,
    string Code,
    string Message,
    string? RequestId,
    HttpStatusCode StatusCode,
    ErrorType ErrorType)
{
    public string Describe()
    {
        var message = string.IsNullOrWhiteSpace(Message) ? "(no message)" : Message;
        return $"{Service} {Operation} failed with {Code} (HTTP {(int)StatusCode}): {message}";
    }
}

/// <summary>Maps AWS error codes to our exception types.</summary>
public static class AwsErrors
{
    private static readonly Dictionary<string, Func<AwsErrorDetails, Exception?, AwsApiException>> ByCode =
        new(StringComparer.Ordinal)
        {
            // Not found
            ["EntityNotFoundException"] = (d, e) => new AwsNotFoundException(d, e),
            ["ResourceNotFoundException"] = (d, e) => new AwsNotFoundException(d, e),
            ["NoSuchEntity"] = (d, e) => new AwsNotFoundException(d, e),
            ["TrailNotFoundException"] = (d, e) => new AwsNotFoundException(d, e),
            ["ResourceNotFound"] = (d, e) => new AwsNotFoundException(d, e),
            // Access
            ["AccessDenied"] = (d, e) => new AwsAccessDeniedException(d, e),
            ["AccessDeniedException"] = (d, e) => new AwsAccessDeniedException(d, e),
            ["UnauthorizedOperation"] = (d, e) => new AwsAccessDeniedException(d, e),
            ["UnauthorizedException"] = (d, e) => new AwsAccessDeniedException(d, e),
            ["NotAuthorized"] = (d, e) => new AwsAccessDeniedException(d, e),
            // Credentials
            ["UnrecognizedClientException"] = (d, e) => new AwsAuthenticationException(d, e),
            ["InvalidClientTokenId"] = (d, e) => new AwsAuthenticationException(d, e),
            ["InvalidSignatureException"] = (d, e) => new AwsAuthenticationException(d, e),
            ["SignatureDoesNotMatch"] = (d, e) => new AwsAuthenticationException(d, e),
            ["ExpiredToken"] = (d, e) => new AwsAuthenticationException(d, e),
            ["ExpiredTokenException"] = (d, e) => new AwsAuthenticationException(d, e),
            ["IncompleteSignature"] = (d, e) => new AwsAuthenticationException(d, e),
            // Bad input
            ["InvalidInputException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["ValidationException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["ValidationError"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidParameterValue"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidParameterValueException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidParameterCombination"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidEventPatternException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidNextToken"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidNextTokenException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidLookupAttributesException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidTimeRangeException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidTrailNameException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["CloudTrailARNInvalidException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidMaxResultsException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidEventCategoryException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["MalformedPolicyDocument"] = (d, e) => new AwsInvalidInputException(d, e),
            ["InvalidInput"] = (d, e) => new AwsInvalidInputException(d, e),
            ["SerializationException"] = (d, e) => new AwsInvalidInputException(d, e),
            ["PolicyEvaluation"] = (d, e) => new AwsInvalidInputException(d, e),
            // Conflicts with the entity's state
            ["ConcurrentModificationException"] = (d, e) => new AwsConflictException(d, e),
            ["ConcurrentModification"] = (d, e) => new AwsConflictException(d, e),
            ["ConcurrentRunsExceededException"] = (d, e) => new AwsConflictException(d, e),
            ["IllegalWorkflowStateException"] = (d, e) => new AwsConflictException(d, e),
            ["AlreadyExistsException"] = (d, e) => new AwsConflictException(d, e),
            ["ResourceAlreadyExistsException"] = (d, e) => new AwsConflictException(d, e),
            ["EntityAlreadyExists"] = (d, e) => new AwsConflictException(d, e),
            ["ResourceNumberLimitExceededException"] = (d, e) => new AwsConflictException(d, e),
            ["LimitExceeded"] = (d, e) => new AwsConflictException(d, e),
            ["LimitExceededException"] = (d, e) => new AwsConflictException(d, e),
            // Throttling
            ["ThrottlingException"] = (d, e) => new AwsThrottlingException(d, e),
            ["Throttling"] = (d, e) => new AwsThrottlingException(d, e),
            ["TooManyRequestsException"] = (d, e) => new AwsThrottlingException(d, e),
            ["RequestLimitExceeded"] = (d, e) => new AwsThrottlingException(d, e),
            ["LimitExceededException.Throttling"] = (d, e) => new AwsThrottlingException(d, e),
        };

    /// <summary>Builds the typed exception for an error code; unknown codes fall back on the HTTP status.</summary>
    public static AwsApiException Create(AwsErrorDetails details, Exception? innerException = null)
    {
        if (ByCode.TryGetValue(details.Code, out var create))
        {
            return create(details, innerException);
        }

        return (int)details.StatusCode switch
        {
            401 => new AwsAuthenticationException(details, innerException),
            403 => new AwsAccessDeniedException(details, innerException),
            404 => new AwsNotFoundException(details, innerException),
            409 => new AwsConflictException(details, innerException),
            429 => new AwsThrottlingException(details, innerException),
            >= 500 => new AwsServiceFailureException(details, innerException),
            _ => new AwsApiException(details, innerException),
        };
    }

    /// <summary>
    /// Normalizes an error code as the JSON protocols send it: <c>aws.protocoltests#FooError:http://…</c> becomes
    /// <c>FooError</c>.
    /// </summary>
    public static string NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "UnknownError";
        }

        var span = code.AsSpan().Trim();
        var colon = span.IndexOf(':');
        if (colon >= 0)
        {
            span = span[..colon];
        }

        var hash = span.LastIndexOf('#');
        if (hash >= 0)
        {
            span = span[(hash + 1)..];
        }

        return span.ToString();
    }
}
