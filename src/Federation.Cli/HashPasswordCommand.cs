using System.CommandLine;
using Federation.Coordinator.Security;

namespace Federation.Cli;

/// <summary>
/// fed hash-password: prints the PasswordHash of a user's entry in the server's settings. The password is read
/// from standard input (without echo at a terminal) so it never appears in the shell's history.
/// </summary>
internal static class HashPasswordCommand
{
    public static Command Create()
    {
        var command = new Command("hash-password", "Print the PasswordHash setting for a password read from standard input");
        command.SetAction(async (_, _) =>
        {
            var password = Console.IsInputRedirected ? await Console.In.ReadLineAsync().ConfigureAwait(false) : ReadHidden();
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("ERROR: empty password").ConfigureAwait(false);
                return 1;
            }

            Console.WriteLine(PasswordHash.Create(password));
            return 0;
        });
        return command;
    }

    private static string ReadHidden()
    {
        Console.Error.Write("Password: ");
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
