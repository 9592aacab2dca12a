package org.iowait;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * Finds the file descriptor behind the objects a selector accepts: Python's {@code fileobj_to_fd}.
 *
 * <p>Accepted: {@code Integer}, {@link FileDescriptorSource}, {@link FileDescriptor}, {@link FileInputStream},
 * {@link FileOutputStream}, {@link RandomAccessFile}, and the JDK's own {@code SocketChannel},
 * {@code ServerSocketChannel}, {@code DatagramChannel}, {@code Pipe.SourceChannel}, {@code Pipe.SinkChannel} and
 * {@code FileChannel}. The JDK keeps those fds private, so reading them needs
 * {@code --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (with this module's
 * name instead of {@code ALL-UNNAMED} on the module path); without it the exception names the flag to add.
 *
 * <pre>{@code
 * int fd = FileDescriptors.fdOf(serverSocketChannel);
 * }</pre>
 */
public final class FileDescriptors {
    static final String ACCEPTED = "Integer, FileDescriptorSource, java.io.FileDescriptor, FileInputStream, "
            + "FileOutputStream, RandomAccessFile, and the JDK's SocketChannel, ServerSocketChannel, DatagramChannel, "
            + "Pipe.SourceChannel, Pipe.SinkChannel and FileChannel";

    private FileDescriptors() {
    }

    /**
     * @param fileobj any accepted object
     * @return its fd, never negative
     * @throws NullPointerException     {@code fileobj} is null
     * @throws IllegalArgumentException the type is not accepted, or the fd is negative (closed or invalid)
     * @throws IllegalStateException    the JVM refuses access to the JDK's private fd; the message names the flag
     */
    public static int fdOf(Object fileobj) {
        Objects.requireNonNull(fileobj, "fileobj is null");
        int fd = rawFdOf(fileobj);
        if (fd < 0) {
            throw new IllegalArgumentException("invalid file descriptor " + fd + " for " + describe(fileobj)
                    + " (negative: closed or never opened)");
        }
        return fd;
    }

    /** A short, safe description of a file object for error messages. */
    static String describe(Object fileobj) {
        return fileobj instanceof Integer ? "fd " + fileobj : fileobj.getClass().getName();
    }

    private static int rawFdOf(Object fileobj) {
        if (fileobj instanceof Integer fd) {
            return fd;
        }
        if (fileobj instanceof FileDescriptorSource source) {
            return source.fd();
        }
        try {
            if (fileobj instanceof FileDescriptor descriptor) {
                return JavaIo.fdOf(descriptor);
            }
            if (fileobj instanceof FileInputStream in) {
                return JavaIo.fdOf(in.getFD());
            }
            if (fileobj instanceof FileOutputStream out) {
                return JavaIo.fdOf(out.getFD());
            }
            if (fileobj instanceof RandomAccessFile file) {
                return JavaIo.fdOf(file.getFD());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot get the FileDescriptor of " + describe(fileobj) + ": " + e, e);
        }
        if (fileobj instanceof SelectableChannel && SunNioCh.SEL_CH_IMPL != null
                && SunNioCh.SEL_CH_IMPL.isInstance(fileobj)) {
            return SunNioCh.fdOf((SelectableChannel) fileobj);
        }
        if (fileobj instanceof FileChannel channel && channel.getClass().getName().equals("sun.nio.ch.FileChannelImpl")) {
            return SunNioCh.fdOf(channel);
        }
        if (fileobj.getClass().getName().startsWith("java.lang.Process")) {
            // The JDK drains and closes a child's pipes when it exits, so their fds cannot be watched safely.
            throw new IllegalArgumentException("unsupported file object " + fileobj.getClass().getName()
                    + ": a Process stream's pipe belongs to the JDK, which drains and closes it when the child exits;"
                    + " start the child with org.iowait.fds.ChildProcess.start(builder) (artifact iowait-fds) and"
                    + " register its stdout(), stderr() and stdin() instead");
        }
        throw new IllegalArgumentException("unsupported file object " + fileobj.getClass().getName()
                + ": a selector accepts " + ACCEPTED);
    }

    static String addOpensFlag(String packageName) {
        Module self = FileDescriptors.class.getModule();
        return "--add-opens java.base/" + packageName + "=" + (self.isNamed() ? self.getName() : "ALL-UNNAMED");
    }

    private static <T extends AccessibleObject> T open(T member, String packageName, String what) {
        try {
            member.setAccessible(true);
            return member;
        } catch (RuntimeException e) { // InaccessibleObjectException, SecurityException
            throw refused(packageName, what, e);
        }
    }

    static IllegalStateException refused(String packageName, String what, Exception cause) {
        return new IllegalStateException("the JVM refuses access to the file descriptor inside " + what
                + "; run java with " + addOpensFlag(packageName), cause);
    }

    /** java.io.FileDescriptor keeps its number in a private int field; a constant MethodHandle reads it cheaply. */
    private static final class JavaIo {
        private static final MethodHandle FD;
        private static final RuntimeException FAILURE;

        static {
            MethodHandle getter = null;
            RuntimeException failure = null;
            try {
                Field field = open(FileDescriptor.class.getDeclaredField("fd"), "java.io", "java.io.FileDescriptor");
                getter = MethodHandles.lookup().unreflectGetter(field);
            } catch (NoSuchFieldException | IllegalAccessException e) {
                failure = new IllegalStateException("cannot read java.io.FileDescriptor's 'fd' field", e);
            } catch (IllegalStateException e) {
                failure = e;
            }
            FD = getter;
            FAILURE = failure;
        }

        static int fdOf(FileDescriptor descriptor) {
            if (FD == null) {
                throw FAILURE;
            }
            try {
                return (int) FD.invokeExact(descriptor);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The JDK's selectable channels implement sun.nio.ch.SelChImpl#getFDVal; FileChannelImpl holds a FileDescriptor.
     * Constant MethodHandles make the lookup as cheap as a field read once the JIT has inlined it.
     */
    private static final class SunNioCh {
        static final Class<?> SEL_CH_IMPL = load("sun.nio.ch.SelChImpl");
        private static final MethodHandle GET_FD_VAL;
        private static final RuntimeException FAILURE;
        private static volatile MethodHandle fileChannelFd;

        static {
            MethodHandle handle = null;
            RuntimeException failure = null;
            if (SEL_CH_IMPL != null) {
                try {
                    Method method = open(SEL_CH_IMPL.getMethod("getFDVal"), "sun.nio.ch", "sun.nio.ch.SelChImpl");
                    handle = MethodHandles.lookup().unreflect(method)
                            .asType(MethodType.methodType(int.class, SelectableChannel.class));
                } catch (NoSuchMethodException | IllegalAccessException e) {
                    failure = new IllegalStateException("this JVM's sun.nio.ch.SelChImpl has no usable getFDVal()", e);
                } catch (IllegalStateException e) {
                    failure = e;
                }
            }
            GET_FD_VAL = handle;
            FAILURE = failure;
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }

        static int fdOf(SelectableChannel channel) {
            if (GET_FD_VAL == null) {
                throw refused("sun.nio.ch", channel.getClass().getName(), FAILURE);
            }
            try {
                return (int) GET_FD_VAL.invokeExact(channel);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("getFDVal() failed on " + channel.getClass().getName(), e);
            }
        }

        static int fdOf(FileChannel channel) {
            MethodHandle getter = fileChannelFd;
            if (getter == null) {
                try {
                    Field field = open(channel.getClass().getDeclaredField("fd"), "sun.nio.ch", channel.getClass().getName());
                    getter = MethodHandles.lookup().unreflectGetter(field).asType(
                            MethodType.methodType(FileDescriptor.class, FileChannel.class));
                } catch (NoSuchFieldException | IllegalAccessException e) {
                    throw new IllegalStateException("this JVM's FileChannelImpl has no usable 'fd' field", e);
                }
                fileChannelFd = getter;
            }
            try {
                return JavaIo.fdOf((FileDescriptor) getter.invokeExact(channel));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
