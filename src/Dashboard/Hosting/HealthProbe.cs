namespace Dashboard.Hosting;

/// <summary>
/// <c>Dashboard --healthcheck &lt;url&gt;</c>: one GET, exit code 0 when it answers 2xx. The container's HEALTHCHECK
/// uses it because the ASP.NET runtime image has no curl.
/// </summary>
public static class HealthProbe
{
    public const string Flag = "--healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:8080/healthz";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {error.Message}");
            return 1;
        }
    }
}
