namespace LocalCloud.Protocol;

/// <summary>Who is calling, where: the account and region of the request's SigV4 credential scope.</summary>
public sealed record RequestContext(string Account, string Region, string Service, string RequestId, string AccessKeyId)
{
    public string Arn(string service, string resource) => $"arn:aws:{service}:{Region}:{Account}:{resource}";
}
