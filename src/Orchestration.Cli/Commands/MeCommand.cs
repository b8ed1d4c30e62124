using System.CommandLine;

namespace Orchestration.Cli.Commands;

/// <summary>`orch me [--json]`: who the stored session (or $ORCH_TOKEN) signs in as.</summary>
internal static class MeCommand
{
    public static Command Create()
    {
        var json = JsonOutput.Option();
        var command = new Command("me", "Show the signed-in account: email, name, role and how it signs in.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var me = await client.GetAsync("/api/auth/me", ct);
            await parse.WriteAsync(json, output, me, async () =>
            {
                await output.WriteLineAsync($"{me.Text("email")} ({me.Text("role")})");
                await output.WriteLineAsync($"name:      {me.Text("display_name")}");
                await output.WriteLineAsync($"id:        {me.Text("id")}");
                await output.WriteLineAsync($"password:  {(me.Text("has_password") == "true" ? "yes" : "no")}");
                await output.WriteLineAsync($"providers: {me.List("linked_providers")}");
                await output.WriteLineAsync($"server:    {client.Credentials.Server}");
            });
        });
        return command;
    }
}
