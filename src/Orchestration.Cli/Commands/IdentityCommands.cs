using System.CommandLine;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch identities` (the providers linked to your account, and those the server offers), `identity link
/// PROVIDER` (in the browser) and `identity unlink PROVIDER`.</summary>
internal static class IdentityCommands
{
    public static IEnumerable<Command> Create()
    {
        var json = JsonOutput.Option();
        var command = new Command("identities", "List the sign-in providers linked to your account, then the ones this server offers.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var linked = await client.GetAsync("/api/auth/oidc/identities", ct);
            await parse.WriteAsync(json, output, linked, async () =>
            {
                Table.Write(output, ["PROVIDER", "LINKED", "EMAIL"], linked.EnumerateArray().Select(i => (IReadOnlyList<string>)
                    [i.Text("provider"), i.Time("created_at"), i.Text("provider_email")]));
                var offered = await client.GetAsync("/api/auth/oidc/providers", ct);
                await output.WriteLineAsync(offered.GetArrayLength() == 0
                    ? "this server offers no sign-in providers (auth.oidc_providers)"
                    : "offered here: " + string.Join(", ", offered.EnumerateArray().Select(p => $"{p.Text("name")} ({p.Text("display_name")})")));
            });
        });
        var identity = new Command("identity", "Link or unlink a sign-in provider.");
        identity.Subcommands.Add(Link());
        identity.Subcommands.Add(Unlink());
        return [command, identity];
    }

    private static Command Link()
    {
        var provider = new Argument<string>("provider") { Description = "The provider's name (see `orch identities`)." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the sign-in link, do not open a browser." };
        var command = new Command("link", "Link a provider to your account: sign in there in the browser; later `orch login --provider` signs you in.") { provider, noBrowser };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var name = parse.GetValue(provider)!;
            var linked = await BrowserSignIn.RunAsync(client, name, $"/api/auth/oidc/link/{Uri.EscapeDataString(name)}", !parse.GetValue(noBrowser), output, ct);
            var email = linked.Text("provider_email");
            await output.WriteLineAsync($"Linked {linked.Text("provider")}{(email is "" or "-" ? "" : $" ({email})")} to your account.");
        });
        return command;
    }

    private static Command Unlink()
    {
        var provider = new Argument<string>("provider") { Description = "The provider's name." };
        var command = new Command("unlink", "Unlink a provider (refused when it is your only way to sign in).") { provider };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var name = parse.GetValue(provider)!;
            await client.DeleteAsync($"/api/auth/oidc/link/{Uri.EscapeDataString(name)}", ct);
            await output.WriteLineAsync($"Unlinked {name}.");
        });
        return command;
    }
}
