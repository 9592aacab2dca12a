package example.modular;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.iowait.DefaultSelector;
import org.iowait.Ready;
import org.iowait.Selector;

/** Prints which backends the module system bound, then waits for a JDK pipe to become readable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException {
        String found = DefaultSelector.providers().stream().map(p -> p.name()).collect(Collectors.joining(","));
        Pipe pipe = Pipe.open();
        try (Selector selector = DefaultSelector.open(); Pipe.SourceChannel source = pipe.source();
                Pipe.SinkChannel sink = pipe.sink()) {
            selector.register(source, Selector.READ);
            sink.write(ByteBuffer.wrap(new byte[] {42}));
            List<Ready> ready = selector.select(Duration.ofSeconds(10));
            boolean readable = ready.size() == 1 && ready.get(0).isReadable();
            System.out.println("module=" + Main.class.getModule().getName() + " providers=" + found + " backend="
                    + selector.backend() + " readable=" + readable);
            if (!readable) {
                System.exit(1);
            }
        }
    }
}
