using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Configuration;

/// <summary><c>Cloud:Environments</c> and <c>Cloud:DefaultEnvironment</c>: each bad entry gets a message naming it.</summary>
public sealed class EnvironmentsConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IConfigureOptions<EnvironmentsOptions>, DashboardOptionsSetup>();
        services.AddSingleton<IValidateOptions<EnvironmentsOptions>, DashboardOptionsValidator>();
        services.AddOptions();
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Aws(params (string Key, string Value)[] values)
    {
        var settings = new Dictionary<string, string?> { ["Cloud:Mode"] = "Aws" };
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        return [.. Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EnvironmentsOptions>>().Value).Failures];
    }

    public static TheoryData<string, string, string> BadEntries => new()
    {
        { "Name", "", "Cloud:Environments:0:Name is missing: every environment needs a name, which links carry as ?env=NAME." },
        { "Name", "prod data", "Cloud:Environments:0:Name is 'prod data', but it must be 1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit (it goes in links as ?env=NAME)." },
        { "Name", "-prod", "Cloud:Environments:0:Name is '-prod', but it must be 1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit (it goes in links as ?env=NAME)." },
        { "Region", "", "Cloud:Environments:0 ('prod') has no Region: set Cloud:Environments:0:Region to an AWS region code such as us-east-1 or eu-west-2." },
        { "Region", "Ireland", "Cloud:Environments:0:Region is 'Ireland', but it must be an AWS region code such as us-east-1 or eu-west-2." },
        { "RoleArn", "arn:aws:iam::1234:role/x", "Cloud:Environments:0:RoleArn is 'arn:aws:iam::1234:role/x', but it must be an IAM role ARN such as arn:aws:iam::123456789012:role/dashboard-read." },
        { "RoleArn", "arn:aws:iam::123456789012:user/bob", "Cloud:Environments:0:RoleArn is 'arn:aws:iam::123456789012:user/bob', but it must be an IAM role ARN such as arn:aws:iam::123456789012:role/dashboard-read." },
        { "ExternalId", "x", "Cloud:Environments:0:ExternalId is set, but Cloud:Environments:0:RoleArn is not: an external id only goes with a role to assume." },
        { "SessionName", "me", "Cloud:Environments:0:SessionName is set, but Cloud:Environments:0:RoleArn is not: a session name only goes with a role to assume." },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void BadEntry_FailsNamingTheEntry(string field, string value, string expected)
    {
        var settings = Aws(("Cloud:Environments:0:Name", "prod"), ("Cloud:Environments:0:Region", "eu-west-1"));
        settings[$"Cloud:Environments:0:{field}"] = value;

        Assert.Contains(expected, Failures(settings));
    }

    [Theory]
    [InlineData("ExternalId", "a", "Cloud:Environments:0:ExternalId is 'a', but it must be 2 to 1224 letters, digits or any of _+=,.@:/-.")]
    [InlineData("SessionName", "has space", "Cloud:Environments:0:SessionName is 'has space', but it must be 2 to 64 letters, digits or any of _+=,.@-.")]
    public void BadRoleDetail_FailsNamingTheKey(string field, string value, string expected)
    {
        var settings = Aws(
            ("Cloud:Environments:0:Name", "prod"), ("Cloud:Environments:0:Region", "eu-west-1"),
            ("Cloud:Environments:0:RoleArn", "arn:aws:iam::123456789012:role/dashboard-read"));
        settings[$"Cloud:Environments:0:{field}"] = value;

        Assert.Contains(expected, Failures(settings));
    }

    [Fact]
    public void DuplicateNames_FailNamingBothEntries()
    {
        var failures = Failures(Aws(
            ("Cloud:Environments:0:Name", "prod"), ("Cloud:Environments:0:Region", "eu-west-1"),
            ("Cloud:Environments:1:Name", "Prod"), ("Cloud:Environments:1:Region", "us-east-1")));

        Assert.Equal(["Cloud:Environments:1:Name is 'Prod', but Cloud:Environments:0 already has that name: each environment needs its own."], failures);
    }

    [Fact]
    public void ProfileAndRoleArn_Fail()
    {
        var failures = Failures(Aws(
            ("Cloud:Environments:0:Name", "prod"), ("Cloud:Environments:0:Region", "eu-west-1"),
            ("Cloud:Environments:0:Profile", "data-prod"), ("Cloud:Environments:0:RoleArn", "arn:aws:iam::123456789012:role/dashboard-read")));

        Assert.Equal(["Cloud:Environments:0 ('prod') sets both Profile and RoleArn, but an environment uses one: a profile's credentials, or a role assumed with the default credentials."], failures);
    }

    [Fact]
    public void UnknownDefault_FailsListingTheKnownNames()
    {
        var failures = Failures(Aws(
            ("Cloud:Environments:0:Name", "prod"), ("Cloud:Environments:0:Region", "eu-west-1"),
            ("Cloud:Environments:1:Name", "staging"), ("Cloud:Environments:1:Region", "eu-west-1"),
            ("Cloud:DefaultEnvironment", "dev")));

        Assert.Equal(["Cloud:DefaultEnvironment is 'dev', but no environment has that name: known are prod, staging."], failures);
    }

    [Fact]
    public void DefaultWithoutEnvironments_MustBeTheSingleOne()
    {
        Assert.Equal(
            ["Cloud:DefaultEnvironment is 'prod', but no environment has that name: known are aws."],
            Failures(Aws(("Cloud:DefaultEnvironment", "prod"))));
        Assert.Equal(
            ["Cloud:DefaultEnvironment is 'aws', but no environment has that name: known are local."],
            Failures(new() { ["Cloud:DefaultEnvironment"] = "aws" }));
    }

    [Fact]
    public void EnvironmentsInLocalMode_Fail()
    {
        var failures = Failures(new()
        {
            ["Cloud:Environments:0:Name"] = "prod",
            ["Cloud:Environments:0:Region"] = "eu-west-1",
        });

        Assert.Equal(["Cloud:Environments is set, but Cloud:Mode is Local, which shows LocalCloud only: set Cloud:Mode to Aws to use the environments."], failures);
    }

    [Fact]
    public void GoodEntries_Bind()
    {
        using var provider = Build(Aws(
            ("Cloud:Environments:0:Name", "prod"), ("Cloud:Environments:0:Region", "eu-west-1"), ("Cloud:Environments:0:Profile", "data-prod"),
            ("Cloud:Environments:1:Name", "audit.eu"), ("Cloud:Environments:1:Region", "eu-central-1"),
            ("Cloud:Environments:1:RoleArn", "arn:aws:iam::210987654321:role/dashboard-read"), ("Cloud:Environments:1:ExternalId", "glue-dash-7"),
            ("Cloud:Environments:1:SessionName", "dashboard"),
            ("Cloud:DefaultEnvironment", "audit.eu")));

        var options = provider.GetRequiredService<IOptions<EnvironmentsOptions>>().Value;

        Assert.Equal("audit.eu", options.DefaultEnvironment);
        Assert.Collection(
            options.Environments,
            prod => Assert.Equal(("prod", "eu-west-1", "data-prod", (string?)null), (prod.Name, prod.Region, prod.Profile, prod.RoleArn)),
            audit => Assert.Equal(
                ("audit.eu", "eu-central-1", "arn:aws:iam::210987654321:role/dashboard-read", "glue-dash-7", "dashboard"),
                (audit.Name, audit.Region, audit.RoleArn, audit.ExternalId, audit.SessionName)));
    }

    [Fact]
    public void NoEntries_AreValid()
    {
        using var provider = Build(Aws());

        Assert.Empty(provider.GetRequiredService<IOptions<EnvironmentsOptions>>().Value.Environments);
    }
}
