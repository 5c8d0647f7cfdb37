using Dashboard.Aws.Protocol;

namespace Dashboard.Aws.Iam;

/// <summary>
/// Async paginators for IAM's list operations. IAM pages by Marker: a page continues only while IsTruncated is
/// true, and then its Marker goes back as the next request's Marker.
/// </summary>
public static class IamPaginators
{
    public static IAsyncEnumerable<ListRolePoliciesResponse> ListRolePoliciesPagesAsync(
        this IIamApi iam, ListRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (marker, ct) => iam.ListRolePoliciesAsync(request with { Marker = marker }, ct),
            page => NextMarker(page.IsTruncated, page.Marker),
            cancellationToken);

    public static IAsyncEnumerable<ListAttachedRolePoliciesResponse> ListAttachedRolePoliciesPagesAsync(
        this IIamApi iam, ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (marker, ct) => iam.ListAttachedRolePoliciesAsync(request with { Marker = marker }, ct),
            page => NextMarker(page.IsTruncated, page.Marker),
            cancellationToken);

    public static IAsyncEnumerable<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyPagesAsync(
        this IIamApi iam, SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken = default) =>
        Paginator.PagesAsync(
            (marker, ct) => iam.SimulatePrincipalPolicyAsync(request with { Marker = marker }, ct),
            page => NextMarker(page.IsTruncated, page.Marker),
            cancellationToken);

    /// <summary>The marker to continue from, or null on the last page (a marker beside IsTruncated=false is not followed).</summary>
    private static string? NextMarker(bool? isTruncated, string? marker) => isTruncated == true ? marker : null;
}
