using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Http;

/// <summary>A profile's <c>caFile</c> that cannot serve as one: a clear sentence naming it, before any request.</summary>
public sealed class CaFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-ca-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static InvalidInputException Refusal(string caFile) =>
        Assert.Throws<InvalidInputException>(() =>
            new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = new Uri("https://127.0.0.1:1"), CredentialHost = "127.0.0.1:1", CaFile = caFile }));

    [Fact]
    public void A_file_holding_no_certificate_is_named()
    {
        string file = Path.Combine(_directory, "not-a-ca.pem");
        File.WriteAllText(file, "this is not PEM\n");
        Assert.Equal($"The CA file '{file}' holds no PEM certificate.", Refusal(file).Message);
    }

    [Fact]
    public void A_certificate_block_that_does_not_decode_is_called_invalid()
    {
        string file = Path.Combine(_directory, "broken.pem");
        File.WriteAllText(file, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Assert.StartsWith($"The CA file '{file}' is not valid PEM: ", Refusal(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_so_without_a_type_name()
    {
        string file = Path.Combine(_directory, "absent.pem");
        Assert.Equal($"Cannot read the CA file '{file}' (no such file).", Refusal(file).Message);
    }

    [Fact]
    public void A_folder_is_called_a_folder()
    {
        Assert.Equal($"Cannot read the CA file '{_directory}' (it is a folder, not a file).", Refusal(_directory).Message);
    }
}
