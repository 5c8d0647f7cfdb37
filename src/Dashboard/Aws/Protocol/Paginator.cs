using System.Runtime.CompilerServices;

namespace Dashboard.Aws.Protocol;

/// <summary>Walks a paginated AWS list operation page by page.</summary>
public static class Paginator
{
    /// <summary>
    /// Yields pages until the service returns no next token. A token that comes back twice is a service bug that
    /// would loop forever, so it stops with an error instead.
    /// </summary>
    public static async IAsyncEnumerable<TPage> PagesAsync<TPage>(
        Func<string?, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, string?> nextToken,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetchPage(token, cancellationToken);
            yield return page;
            token = nextToken(page);
            if (!string.IsNullOrEmpty(token) && !seen.Add(token))
            {
                throw new InvalidOperationException(
                    $"The service returned the pagination token '{token}' twice; stopping to avoid an endless loop.");
            }
        }
        while (!string.IsNullOrEmpty(token));
    }
}
