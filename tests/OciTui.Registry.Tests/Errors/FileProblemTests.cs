using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Errors;

public sealed class FileProblemTests
{
    [Theory]
    [InlineData("No space left on device : '/srv/charts/.webapp-2.0.0.tgz.partial'", "no space left on device")]
    [InlineData("Read-only file system : '/mnt/ro/profiles.json'", "read-only file system")]
    [InlineData("Is a directory : '/home/me/profiles.json'", "is a directory")]
    [InlineData("The file '/srv/charts/webapp-2.0.0.tgz' already exists.", "the file already exists")]
    public void An_operating_system_error_keeps_its_reason_and_drops_the_path(string message, string reason)
    {
        Assert.Equal(reason, FileProblem.Describe(new IOException(message)));
    }

    [Fact]
    public void Access_denied_reads_permission_denied_unless_the_path_is_a_folder()
    {
        string folder = Directory.CreateTempSubdirectory("ocitui-file-problem-").FullName;
        try
        {
            Assert.Equal("permission denied", FileProblem.Describe(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
            Assert.Equal("permission denied", FileProblem.Describe(new UnauthorizedAccessException("denied"), Path.Combine(folder, "file")));
            Assert.Equal("it is a folder, not a file", FileProblem.Describe(new UnauthorizedAccessException("denied"), folder));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Missing_files_and_folders_are_named_as_such()
    {
        Assert.Equal("no such file", FileProblem.Describe(new FileNotFoundException("Could not find file '/x'.")));
        Assert.Equal("a folder on the path does not exist", FileProblem.Describe(new DirectoryNotFoundException("Could not find a part of the path '/x/y'.")));
    }

    [Fact]
    public void A_control_character_in_a_message_never_reaches_the_terminal()
    {
        Assert.DoesNotContain('\u001b', FileProblem.Describe(new IOException("Bad\u001b[2J thing")));
    }
}
