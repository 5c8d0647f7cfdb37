using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalCloud;

/// <summary>The <c>LocalCloud</c> configuration section, shared by the embedded and the stand-alone LocalCloud.</summary>
public sealed partial record LocalCloudSettings
{
    public const string SectionName = "LocalCloud";

    /// <summary>Loopback unless configured otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>4566 by default; 0 picks a free port.</summary>
    public int Port { get; init; } = 4566;

    /// <summary>The account of requests whose access key is not itself a 12-digit account id.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>Where all of LocalCloud's state is kept across restarts (see <c>Persistence.DurableStore</c>); null keeps it in memory.</summary>
    public string? DataPath { get; init; }

    /// <summary>EventBridge's rules-per-bus quota: 300 by default, and adjustable, as on AWS.</summary>
    public int MaxRulesPerBus { get; init; } = 300;

    /// <summary>Whether to seed the demo pipelines on start.</summary>
    public bool SeedDemo { get; init; } = true;

    /// <summary>Whether the seeded pipelines get a gentle, steady stream of uploads; tests and benchmarks turn it off.</summary>
    public bool SyntheticTraffic { get; init; } = true;

    /// <summary>Faults injected from the start (<c>LocalCloud:Faults:N:Service|Operation|Kind|Rate|LatencyMs</c>); none by default.</summary>
    public IReadOnlyList<Faults.FaultRule> Faults { get; init; } = [];

    /// <summary>Reads and validates the section; a bad value throws with its key and the allowed values.</summary>
    public static LocalCloudSettings From(IConfiguration section)
    {
        var settings = new LocalCloudSettings();
        var problems = new List<string>();
        if (section["Port"] is { Length: > 0 } port)
        {
            if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 65535)
            {
                settings = settings with { Port = parsed };
            }
            else
            {
                problems.Add($"LocalCloud:Port is '{port}', but it must be an integer from 0 to 65535 (0 picks a free port).");
            }
        }

        if (section["Host"] is { Length: > 0 } host)
        {
            settings = settings with { Host = host };
        }

        if (section["AccountId"] is { Length: > 0 } account)
        {
            if (AccountPattern().IsMatch(account))
            {
                settings = settings with { AccountId = account };
            }
            else
            {
                problems.Add($"LocalCloud:AccountId is '{account}', but it must be a 12-digit AWS account id.");
            }
        }

        if (section["DataPath"] is { Length: > 0 } dataPath)
        {
            settings = settings with { DataPath = dataPath };
        }

        if (section["MaxRulesPerBus"] is { Length: > 0 } rules)
        {
            if (int.TryParse(rules, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= 100_000)
            {
                settings = settings with { MaxRulesPerBus = parsed };
            }
            else
            {
                problems.Add($"LocalCloud:MaxRulesPerBus is '{rules}', but it must be an integer from 1 to 100000.");
            }
        }

        if (section["SeedDemo"] is { Length: > 0 } seed)
        {
            if (bool.TryParse(seed, out var parsed))
            {
                settings = settings with { SeedDemo = parsed };
            }
            else
            {
                problems.Add($"LocalCloud:SeedDemo is '{seed}', but it must be true or false.");
            }
        }

        if (section["SyntheticTraffic"] is { Length: > 0 } traffic)
        {
            if (bool.TryParse(traffic, out var parsed))
            {
                settings = settings with { SyntheticTraffic = parsed };
            }
            else
            {
                problems.Add($"LocalCloud:SyntheticTraffic is '{traffic}', but it must be true or false.");
            }
        }

        var faults = LocalCloud.Faults.FaultRuleParser.FromConfiguration(section.GetSection("Faults"), problems);
        if (faults.Count > 0)
        {
            settings = settings with { Faults = faults };
        }

        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountPattern();
}
