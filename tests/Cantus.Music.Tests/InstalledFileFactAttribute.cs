namespace Cantus.Music.Tests;

/// <summary>
/// A fact that runs only when a file installed by a Debian package exists (a SoundFont, a
/// reference program); otherwise it is skipped with the package to install. CI installs the
/// packages, so nothing is skipped there.
/// </summary>
public sealed class InstalledFileFactAttribute : FactAttribute
{
    public InstalledFileFactAttribute(string path, string debianPackage)
    {
        if (!File.Exists(path)) Skip = $"{path} is missing: apt-get install {debianPackage}";
    }

    public InstalledFileFactAttribute(string path, string debianPackage, string secondPath, string secondPackage)
    {
        if (!File.Exists(path)) Skip = $"{path} is missing: apt-get install {debianPackage}";
        else if (!File.Exists(secondPath)) Skip = $"{secondPath} is missing: apt-get install {secondPackage}";
    }
}
