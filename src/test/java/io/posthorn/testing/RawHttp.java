package io.posthorn.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends bytes exactly as written (no client normalising paths) and reads the raw answer. */
public final class RawHttp {
    private RawHttp() {
    }

    /** The whole answer to {@code request}, read until the server closes or {@code timeoutMillis} passes. */
    public static String exchange(int port, String request, int timeoutMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status code of the answer to a GET of {@code rawTarget}, sent with {@code Connection: close}. */
    public static int status(int port, String rawTarget) {
        String answer = exchange(port, "GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 10_000);
        return Integer.parseInt(answer.substring(9, 12));
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                buffer.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            buffer.write("<timeout>".getBytes(StandardCharsets.UTF_8));
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
