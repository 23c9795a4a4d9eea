using Npgsql;
using SspKbh.Web.Data;

namespace SspKbh.Web.Tests;

/// <summary>The app's Npgsql defaults (prepared statements kept, no reset round trip) and an operator's own values winning.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_and_no_reset_on_close()
    {
        var cs = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=sspkbh;Username=app;Password=secret"));
        Assert.Equal(64, cs.MaxAutoPrepare);
        Assert.Equal(2, cs.AutoPrepareMinUsages);
        Assert.True(cs.NoResetOnClose);
        Assert.Equal("db", cs.Host);
        Assert.Equal("secret", cs.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Auto Prepare Min Usages=5")]
    [InlineData("Host=db;maxautoprepare=0;noresetonclose=false;autoprepareminusages=5")]
    public void Settings_the_operator_names_are_kept(string configured)
    {
        var cs = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(configured));
        Assert.Equal(0, cs.MaxAutoPrepare);
        Assert.Equal(5, cs.AutoPrepareMinUsages);
        Assert.False(cs.NoResetOnClose);
    }
}
