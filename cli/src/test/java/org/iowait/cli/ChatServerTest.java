package org.iowait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChatServerTest {
    @Test
    @DisplayName("each line a client sends reaches every other client, whole, and not the sender")
    void broadcast() throws Exception {
        try (ChatServer chat = new ChatServer("127.0.0.1", 0);
                Socket alice = new Socket(InetAddress.getLoopbackAddress(), chat.port());
                Socket bob = new Socket(InetAddress.getLoopbackAddress(), chat.port());
                Socket carol = new Socket(InetAddress.getLoopbackAddress(), chat.port())) {
            for (Socket s : new Socket[] {alice, bob, carol}) {
                s.setSoTimeout(5000);
            }
            Thread.sleep(300); // let the server accept all three
            PrintWriter aliceOut = new PrintWriter(alice.getOutputStream(), true, StandardCharsets.UTF_8);
            aliceOut.print("hel");
            aliceOut.flush();
            Thread.sleep(100);
            aliceOut.print("lo bob\nsecond line\n");
            aliceOut.flush();
            for (Socket s : new Socket[] {bob, carol}) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("hello bob", in.readLine());
                assertEquals("second line", in.readLine());
            }
            carol.close();
            Thread.sleep(200);
            PrintWriter bobOut = new PrintWriter(bob.getOutputStream(), true, StandardCharsets.UTF_8);
            bobOut.print("hi alice\n");
            bobOut.flush();
            BufferedReader aliceIn = new BufferedReader(new InputStreamReader(alice.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("hi alice", aliceIn.readLine(), "a departed client does not break the room");
        }
    }
}
