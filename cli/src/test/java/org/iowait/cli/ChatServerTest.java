package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.iowait.cli.ChatFixture.Client;
import org.iowait.cli.ChatFixture.Log;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chat room's rules, in-process, with real loopback sockets. */
class ChatServerTest {
    @Test
    @DisplayName("each line reaches every other client whole, attributed to its sender, and not the sender")
    void broadcast() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client alice = new Client(chat.port()); Client bob = new Client(chat.port());
                Client carol = new Client(chat.port())) {
            log.await(" joined", 3);
            alice.send("hel");
            alice.send("lo bob\nsecond line\n");
            for (Client c : new Client[] {bob, carol}) {
                assertEquals(alice.name + "> hello bob", c.readLine());
                assertEquals(alice.name + "> second line", c.readLine());
            }
            carol.close();
            log.await("- " + carol.name + " left", 1);
            bob.send("hi alice\n");
            assertEquals(bob.name + "> hi alice", alice.readLine(), "a departed client does not break the room");
        }
    }

    @Test
    @DisplayName("/nick renames a client; bad or taken names are refused, so no one can pose as another")
    void nick() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client alice = new Client(chat.port()); Client bob = new Client(chat.port())) {
            log.await(" joined", 2);
            alice.send("/nick alice\n");
            assertEquals("* you are now alice", alice.readLine());
            bob.send("/nick alice\n");
            assertEquals("* 'alice' is taken", bob.readLine());
            bob.send("/nick " + alice.name + "\n");
            assertEquals("* a name is 1 to 32 letters, digits, '_', '.' or '-'", bob.readLine(),
                    "an address is not a name");
            alice.send("hello\n");
            assertEquals("alice> hello", bob.readLine());
            bob.send("hi\n");
            assertEquals(bob.name + "> hi", alice.readLine());
        }
    }

    @Test
    @DisplayName("a departing client's fragment arrives as its own line, never joined to another client's words")
    void departingFragment() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client reader = new Client(chat.port()); Client c = new Client(chat.port());
                Client d = new Client(chat.port())) {
            log.await(" joined", 3);
            c.send("partial-from-c");
            c.close();
            log.await("- " + c.name + " left", 1);
            d.send("words of d\n");
            assertEquals(c.name + "> partial-from-c", reader.readLine());
            assertEquals(d.name + "> words of d", reader.readLine());
        }
    }

    @Test
    @DisplayName("a reset mid-line: the whole lines before it arrive, the fragment is dropped, the room goes on")
    void resetMidLine() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client reader = new Client(chat.port()); Client r = new Client(chat.port());
                Client d = new Client(chat.port())) {
            log.await(" joined", 3);
            r.send("complete line\nhalf a li");
            assertEquals(r.name + "> complete line", reader.readLine());
            r.socket.setSoLinger(true, 0);
            r.close(); // RST
            log.await("- " + r.name + " disconnected: ", 1);
            d.send("after the reset\n");
            assertEquals(d.name + "> after the reset", reader.readLine(), "the fragment was dropped, not merged");
        }
    }

    @Test
    @DisplayName("a half-closed client: its lines arrive, and the server then closes it")
    void halfClosed() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client reader = new Client(chat.port()); Client half = new Client(chat.port())) {
            log.await(" joined", 2);
            half.send("one\ntwo\n");
            half.socket.shutdownOutput();
            assertEquals(half.name + "> one", reader.readLine());
            assertEquals(half.name + "> two", reader.readLine());
            assertTrue(half.awaitClosedByServer(), "the server closes a client at its end of stream");
            log.await("- " + half.name + " left", 1);
            reader.send("still here\n");
            assertEquals(1, ChatFixture.occurrences(log.text(), " left"));
        }
    }

    @Test
    @DisplayName("binary and non-UTF-8 bytes, \\r\\n and empty lines pass unchanged")
    void bytesPassUnchanged() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client reader = new Client(chat.port()); Client sender = new Client(chat.port())) {
            log.await(" joined", 2);
            ByteArrayOutputStream binary = new ByteArrayOutputStream();
            for (int b = 0; b < 256; b++) {
                if (b != '\n') {
                    binary.write(b);
                }
            }
            byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 0};
            sender.send(concat(binary.toByteArray(), new byte[] {'\n'}, notUtf8, "\ncrlf\r\n\n".getBytes()));
            byte[] prefix = (sender.name + "> ").getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(concat(prefix, binary.toByteArray()), reader.readLineBytes());
            assertArrayEquals(concat(prefix, notUtf8), reader.readLineBytes());
            assertArrayEquals(concat(prefix, "crlf\r".getBytes()), reader.readLineBytes());
            assertArrayEquals(prefix, reader.readLineBytes(), "an empty line is a line");
        }
    }

    @Test
    @DisplayName("a line under the limit arrives whole; a 10 MB line gets its sender disconnected with the reason")
    void longLines() throws Exception {
        Log log = new Log();
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream);
                Client reader = new Client(chat.port()); Client big = new Client(chat.port());
                Client other = new Client(chat.port())) {
            log.await(" joined", 3);
            byte[] almostMiB = new byte[1_000_000];
            Arrays.fill(almostMiB, (byte) 'x');
            big.send(concat(almostMiB, new byte[] {'\n'}));
            assertArrayEquals(concat((big.name + "> ").getBytes(), almostMiB), reader.readLineBytes());
            byte[] tenMB = new byte[10_000_000];
            Arrays.fill(tenMB, (byte) 'y');
            Thread writer = new Thread(() -> {
                try {
                    big.send(concat(tenMB, new byte[] {'\n'}));
                } catch (Exception expected) {
                    // the server disconnects it part way
                }
            });
            writer.start();
            log.await("- " + big.name + " disconnected: a line is longer than the maximum of 1048576 bytes", 1);
            writer.join(ChatFixture.scaledMillis(20_000));
            other.send("still chatting\n");
            assertEquals(other.name + "> still chatting", reader.readLine(), "nothing of the long line was sent");
        }
    }

    @Test
    @DisplayName("500 clients connect at once, each sends a line and leaves: every line reaches the one who stays")
    void manyClientsAtOnce() throws Exception {
        int clients = 500;
        Log log = new Log();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try (ChatServer chat = new ChatServer("127.0.0.1", 0, log.stream); Client reader = new Client(chat.port())) {
            log.await(" joined", 1);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String line = "line " + i + "\n";
                sent.add(pool.submit(() -> {
                    go.await();
                    try (Client c = new Client(chat.port())) {
                        c.send(line);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get();
            }
            Set<String> got = new HashSet<>();
            for (int i = 0; i < clients; i++) {
                String line;
                try {
                    line = reader.readLine();
                } catch (java.io.IOException e) {
                    throw new AssertionError("after " + got.size() + " lines; joined "
                            + ChatFixture.occurrences(log.text(), " joined") + ", left "
                            + ChatFixture.occurrences(log.text(), " left") + ", disconnected "
                            + ChatFixture.occurrences(log.text(), " disconnected") + ": " + log.text().lines()
                                    .filter(l -> l.contains("disconnected")).limit(5).toList(), e);
                }
                got.add(line.substring(line.indexOf("> ") + 2));
            }
            for (int i = 0; i < clients; i++) {
                assertTrue(got.contains("line " + i), "line " + i + " is missing");
            }
            log.await(" left", clients);
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
