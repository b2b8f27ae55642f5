import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Makes the JDK that Fray's {@code prepare-fray} goal is pointed at ({@code originalJdkPath}): a directory that
 * looks like the running JDK ({@code java.home}, the toolchain's JDK 25) and that has a {@code jmods} folder.
 *
 * <h2>Why</h2>
 * Fray 0.9.2 builds its instrumented JDK with {@code <jdk>/bin/jlink --module-path=<jdk>/jmods
 * --add-modules=ALL-MODULE-PATH --fray-instrumentation ...}. JDKs built for JEP 493 (Temurin 25 among them) ship no
 * {@code jmods}: jlink links from the run-time image instead, but {@code ALL-MODULE-PATH} over a missing folder
 * finds no module and jlink fails ("No module found in module path '.../jmods' with --add-modules
 * ALL-MODULE-PATH"). So, when the JDK has no {@code jmods}, this puts one module in the shim's {@code jmods},
 * {@code chanflow.fray.alljdk}, which {@code requires} every module of the run-time image that jlink may take from
 * it; jlink then resolves ALL-MODULE-PATH to that module and pulls the JDK's modules from the run-time image,
 * through Fray's instrumenting plugin. Left out: {@code java.base} (implied), {@code jdk.jlink} and
 * {@code jdk.jpackage} (a run-time-image link may not contain jlink), incubator modules (a warning at every start).
 *
 * <p>{@code bin/java} and {@code bin/jlink} are symbolic links to the real JDK's launchers (a launcher finds its
 * JDK through the link), so Fray's version check ({@code java -version} must say 25) and jlink run the real ones.
 *
 * <p>Usage: {@code java FrayJdkShim.java <shim directory>}, run by exec:exec on the toolchain's JDK.
 */
public final class FrayJdkShim {
    private static final Set<String> NOT_LINKABLE = Set.of("java.base", "jdk.jlink", "jdk.jpackage");
    private static final String MODULE = "chanflow.fray.alljdk";

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java FrayJdkShim.java <shim directory>");
        }
        Path home = Path.of(System.getProperty("java.home"));
        Path shim = Path.of(args[0]).toAbsolutePath();
        deleteRecursively(shim);
        Files.createDirectories(shim.resolve("bin"));
        for (String tool : List.of("java", "jlink")) {
            Files.createSymbolicLink(shim.resolve("bin").resolve(tool), home.resolve("bin").resolve(tool));
        }
        if (Files.isDirectory(home.resolve("jmods"))) {
            Files.createSymbolicLink(shim.resolve("jmods"), home.resolve("jmods"));
            System.out.println("[fray-jdk] " + home + " has jmods: " + shim + " links to them");
            return;
        }
        List<String> modules = ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor)
                .map(d -> d.name())
                .filter(n -> !NOT_LINKABLE.contains(n) && !n.startsWith("jdk.incubator."))
                .sorted()
                .toList();
        Path src = shim.resolve("src");
        Path classes = shim.resolve("classes");
        Files.createDirectories(src);
        // Some JDK modules are deprecated for removal (jdk.jsobject, jdk.jstatd...): requiring them is intended here.
        StringBuilder info = new StringBuilder("@SuppressWarnings(\"removal\")\nmodule " + MODULE + " {\n");
        modules.forEach(m -> info.append("    requires ").append(m).append(";\n"));
        Files.writeString(src.resolve("module-info.java"), info.append("}\n"));
        run("javac", "-d", classes.toString(), src.resolve("module-info.java").toString());
        Files.createDirectories(shim.resolve("jmods"));
        run("jar", "--create", "--file", shim.resolve("jmods").resolve(MODULE + ".jar").toString(),
                "-C", classes.toString(), ".");
        System.out.println("[fray-jdk] " + home + " has no jmods: " + shim + " links " + modules.size()
                + " modules from its run-time image");
    }

    private static void run(String tool, String... args) {
        int rc = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException("no " + tool))
                .run(System.out, System.err, args);
        if (rc != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + rc);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
