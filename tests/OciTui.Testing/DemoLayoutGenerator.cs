namespace OciTui.Testing;

/// <summary>
/// Makes the sample layouts committed under tests/fixtures/demo-layout: the offline default the README's first command
/// opens. Deterministic, so a test can check the committed copy is exactly what this code makes.
/// </summary>
public static class DemoLayoutGenerator
{
    public static void Generate(string root)
    {
        Write(Path.Combine(root, "charts", "hello"),
        [
            new ChartArchiveBuilder("hello", "0.1.0") { AppVersion = "1.0.0", Description = "A friendly hello-world web server" },
            new ChartArchiveBuilder("hello", "0.2.0") { AppVersion = "1.1.0", Description = "A friendly hello-world web server" },
            new ChartArchiveBuilder("hello", "1.0.0") { AppVersion = "2.0.0", Description = "A friendly hello-world web server", Readme = "# hello\n\nSays hello on port 8080.\n" },
            new ChartArchiveBuilder("hello", "1.1.0-rc.1") { AppVersion = "2.1.0-rc.1", Description = "A friendly hello-world web server (release candidate)" },
        ], latest: null);
        Write(Path.Combine(root, "charts", "webapp"),
        [
            new ChartArchiveBuilder("webapp", "1.0.0") { AppVersion = "3.4.0", Description = "A stateless web application" },
            new ChartArchiveBuilder("webapp", "1.2.3") { AppVersion = "3.5.1", Description = "A stateless web application" },
            new ChartArchiveBuilder("webapp", "2.0.0")
            {
                AppVersion = "4.0.0",
                Description = "A stateless web application",
                KubeVersion = ">=1.27.0-0",
                Readme = "# webapp\n\nInstall with:\n\n    helm install web oci://example.com/charts/webapp --version 2.0.0\n",
                Values = "replicaCount: 2\nimage:\n  repository: ghcr.io/example/webapp\n  tag: \"4.0.0\"\nservice:\n  type: ClusterIP\n  port: 80\n",
            },
        ], latest: null);
        Write(Path.Combine(root, "platform", "ingress-lite"),
        [
            new ChartArchiveBuilder("ingress-lite", "0.9.0") { AppVersion = "1.9.0", Description = "A small ingress controller" },
            new ChartArchiveBuilder("ingress-lite", "0.10.0") { AppVersion = "1.10.0", Description = "A small ingress controller", Deprecated = true },
        ], latest: "latest");
    }

    private static void Write(string directory, IReadOnlyList<ChartArchiveBuilder> charts, string? latest)
    {
        var layout = new OciLayoutWriter(directory);
        byte[]? last = null;
        int day = 1;
        foreach (ChartArchiveBuilder chart in charts) last = layout.AddChart(chart, $"2026-0{Math.Min(day++, 9)}-15T10:00:00Z");
        if (latest is not null && last is not null) layout.Tag(latest, last);
        layout.Save();
    }
}
