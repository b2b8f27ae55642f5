package io.chanflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout the API promises: what the module exports, that {@link Channel} is sealed over Chanflow's own
 * channels, and that the channel API does not depend on the packages built on it.
 */
class ModuleLayoutTest {
    private static Path classes() throws URISyntaxException {
        return Path.of(Channel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * Compiles the module descriptor as the build does (src/main/module, after the tests: see the root pom) over the
     * compiled classes, and reads it.
     */
    private static ModuleDescriptor descriptor(Path tmp) throws Exception {
        Path source = Path.of("src/main/module/module-info.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, null, null, List.of("--release", "17", "-d", tmp.toString(),
                        "--patch-module", "io.chanflow.core=" + classes()), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
        assertTrue(ok, out.toString());
        try (InputStream in = Files.newInputStream(tmp.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void theModuleExportsTheApiPackagesAndTheFeedToTheFlowBridgeOnly(@TempDir Path tmp) throws Exception {
        ModuleDescriptor d = descriptor(tmp);
        assertEquals("io.chanflow.core", d.name());
        Map<String, Set<String>> exports = new TreeMap<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            exports.put(e.source(), e.targets());
        }
        assertEquals(Map.of(
                "io.chanflow", Set.of(),
                "io.chanflow.context", Set.of(),
                "io.chanflow.sync", Set.of(),
                "io.chanflow.time", Set.of(),
                "io.chanflow.patterns", Set.of(),
                "io.chanflow.feed", Set.of("io.chanflow.flow")), exports);
        assertEquals(Set.of("java.base"), d.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()), "no dependencies");
    }

    @Test
    void channelIsSealedOverChanflowsOwnChannels() {
        assertTrue(Channel.class.isSealed());
        assertEquals(Set.of("io.chanflow.Chan", "io.chanflow.NilChannel"), Arrays.stream(Channel.class
                .getPermittedSubclasses()).map(Class::getName).collect(Collectors.toSet()));
        assertEquals(Channel.class, Channel.make().getClass().getInterfaces()[0]);
    }

    /** The packages built on channels, which neither the channel API nor the engine may name. */
    private static final List<String> ABOVE_CHANNELS = List.of("io/chanflow/context/", "io/chanflow/sync/",
            "io/chanflow/time/", "io/chanflow/patterns/", "io/chanflow/feed/");

    /** The classes of package directory {@code dir} whose constant pool names a package above channels. */
    private static List<String> upwardReferences(String dir) throws IOException, URISyntaxException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes().resolve(dir))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String constants = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String pkg : ABOVE_CHANNELS) {
                    if (constants.contains(pkg)) {
                        offenders.add(f.getFileName() + " -> " + pkg);
                    }
                }
            }
        }
        return offenders;
    }

    /** The API package names no class of the packages built on channels: no package cycle. */
    @Test
    void theChannelApiDoesNotDependOnThePackagesBuiltOnIt() throws Exception {
        assertEquals(List.of(), upwardReferences("io/chanflow"));
    }

    /** The engine does not reach up into them either. */
    @Test
    void theEngineDependsOnNothingButTheChannelApi() throws Exception {
        assertEquals(List.of(), upwardReferences("io/chanflow/internal"));
    }
}
