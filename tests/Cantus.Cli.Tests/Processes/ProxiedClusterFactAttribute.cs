namespace Cantus.Cli.Tests.Processes;

/// <summary>A test of deploy/local-cluster with nginx in front: skipped, with what to install, without PostgreSQL's or nginx's binaries (.ci/run installs both).</summary>
public sealed class ProxiedClusterFactAttribute : FactAttribute
{
    public ProxiedClusterFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "deploy/local-cluster is a bash script for Linux";
        else if (!LocalCluster.PostgresInstalled) Skip = "needs PostgreSQL's server binaries (initdb): apt-get install postgresql";
        else if (!LocalCluster.NginxInstalled) Skip = "needs nginx as the proxy: apt-get install nginx";
        Timeout = 300_000;
    }
}
