using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Configuration;

/// <summary>Each bad value gets a message with its key and the allowed values; good values bind.</summary>
public sealed class ConfigurationValidationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IConfigureOptions<CloudOptions>, DashboardOptionsSetup>();
        services.AddSingleton<IConfigureOptions<LocalCloudOptions>, DashboardOptionsSetup>();
        services.AddSingleton<IConfigureOptions<AwsConnectionOptions>, DashboardOptionsSetup>();
        services.AddSingleton<IValidateOptions<CloudOptions>, DashboardOptionsValidator>();
        services.AddSingleton<IValidateOptions<LocalCloudOptions>, DashboardOptionsValidator>();
        services.AddSingleton<IValidateOptions<AwsConnectionOptions>, DashboardOptionsValidator>();
        services.AddOptions();
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("Cloud:Mode", "Cloud", "Cloud:Mode is 'Azure', but it must be Local or Aws.", "Azure")]
    [InlineData("Cloud:Mode", "Cloud", "Cloud:Mode is '1', but it must be Local or Aws.", "1")]
    [InlineData("LocalCloud:Port", "LocalCloud", "LocalCloud:Port is '70000', but it must be an integer from 0 to 65535 (0 picks a free port).", "70000")]
    [InlineData("LocalCloud:Port", "LocalCloud", "LocalCloud:Port is 'http', but it must be an integer from 0 to 65535 (0 picks a free port).", "http")]
    [InlineData("LocalCloud:AccountId", "LocalCloud", "LocalCloud:AccountId is '1234', but it must be a 12-digit AWS account id.", "1234")]
    [InlineData("Aws:Region", "Aws", "Aws:Region is 'Ireland', but it must be an AWS region code such as us-east-1 or eu-west-2.", "Ireland")]
    public void BadValue_FailsWithKeyAndAllowedValues(string key, string section, string expected, string value)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(provider, section));

        Assert.Contains(expected, error.Failures);
    }

    [Fact]
    public void GoodValues_Bind()
    {
        using var provider = Build(new()
        {
            ["Cloud:Mode"] = "aws",
            ["LocalCloud:Port"] = "0",
            ["LocalCloud:AccountId"] = "111122223333",
            ["Aws:Region"] = "eu-west-1",
            ["Aws:Profile"] = "data-prod",
        });

        Assert.Equal(CloudMode.Aws, provider.GetRequiredService<IOptions<CloudOptions>>().Value.Mode);
        Assert.Equal(0, provider.GetRequiredService<IOptions<LocalCloudOptions>>().Value.Port);
        Assert.Equal("111122223333", provider.GetRequiredService<IOptions<LocalCloudOptions>>().Value.AccountId);
        Assert.Equal("eu-west-1", provider.GetRequiredService<IOptions<AwsConnectionOptions>>().Value.Region);
        Assert.Equal("data-prod", provider.GetRequiredService<IOptions<AwsConnectionOptions>>().Value.Profile);
    }

    [Fact]
    public void NoValues_UseTheDefaults()
    {
        using var provider = Build([]);

        Assert.Equal(CloudMode.Local, provider.GetRequiredService<IOptions<CloudOptions>>().Value.Mode);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), provider.GetRequiredService<IOptions<LocalCloudOptions>>().Value.Endpoint);
        Assert.Null(provider.GetRequiredService<IOptions<AwsConnectionOptions>>().Value.Region);
    }

    private static object Resolve(IServiceProvider provider, string section) => section switch
    {
        "Cloud" => provider.GetRequiredService<IOptions<CloudOptions>>().Value,
        "LocalCloud" => provider.GetRequiredService<IOptions<LocalCloudOptions>>().Value,
        _ => provider.GetRequiredService<IOptions<AwsConnectionOptions>>().Value,
    };
}
