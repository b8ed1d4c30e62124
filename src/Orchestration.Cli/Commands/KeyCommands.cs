using System.CommandLine;

namespace Orchestration.Cli.Commands;

/// <summary>`orch keys` (list), `keys create NAME` and `keys revoke ID`: API keys, bearer tokens for scripts and
/// external workers (use one as $ORCH_TOKEN).</summary>
internal static class KeyCommands
{
    public static Command Create()
    {
        var json = JsonOutput.Option();
        var command = new Command("keys", "List your API keys: prefix, name, whether active, when made and last used.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var keys = await client.GetAsync("/api/auth/api-keys", ct);
            await parse.WriteAsync(json, output, keys, () => Table.Write(output, ["ID", "PREFIX", "ACTIVE", "CREATED", "LAST USED", "NAME"],
                keys.EnumerateArray().Select(k => (IReadOnlyList<string>)
                    [k.Text("id"), k.Text("key_prefix"), k.Text("is_active"), k.Time("created_at"), k.Time("last_used_at"), k.Text("name")]), fullLastColumn: true));
        });
        command.Subcommands.Add(New());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command New()
    {
        var name = new Argument<string>("name") { Description = "What the key is for (1–100 characters)." };
        var json = JsonOutput.Option();
        var command = new Command("create", "Make an API key; it is shown this once (only its hash is stored).") { name, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var key = await client.PostAsync("/api/auth/api-keys", new { name = parse.GetValue(name) }, ct);
            await parse.WriteAsync(json, output, key, async () =>
            {
                await output.WriteLineAsync(key.Text("key"));
                await output.WriteLineAsync($"id {key.Text("id")}, name {key.Text("name")}: store the key now, it is not shown again (use it as ORCH_TOKEN).");
            });
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("key-id");
        var command = new Command("revoke", "Revoke an API key: it stops working at once.") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var revoked = await client.DeleteAsync($"/api/auth/api-keys/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct);
            await output.WriteLineAsync($"{revoked.Text("key_id")} {revoked.Text("status")}");
        });
        return command;
    }
}
