import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Used by scripts/flink-start (PULSE_FLINK_S3=1 on JDK >= 24): copies a jar, replacing every call of
 * {@code Subject.getSubject(AccessControlContext)} by {@code Subject.current()}.
 *
 * <p>flink-s3-fs-hadoop 2.3.0 shades Hadoop 3.3.4, whose UserGroupInformation.getCurrentUser() calls
 * Subject.getSubject(AccessController.getContext()). JDK 24 disabled the Security Manager for good (JEP 486), and
 * getSubject now always throws UnsupportedOperationException ("getSubject is not supported"). Subject.current()
 * (JDK 18+) is the documented replacement and returns the same subject: the one bound by Subject.doAs/callAs, which
 * is what Hadoop asks the access control context for (Hadoop itself made the same change in HADOOP-19212, after
 * 3.3.4). The call site keeps its stack shape (the context argument is popped, the result is the same type), so the
 * existing stack map frames stay valid and are copied as they are.
 *
 * <pre>java -cp asm.jar scripts/lib/patch-subject.java IN.jar OUT.jar</pre>
 * Prints the number of call sites replaced; fails when there is none (a different jar needs no patch, or another).
 */
public class PatchSubject {
  static final String SUBJECT = "javax/security/auth/Subject";
  static final String GET_SUBJECT = "(Ljava/security/AccessControlContext;)Ljavax/security/auth/Subject;";

  static int replaced;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) throw new IllegalArgumentException("usage: patch-subject.java IN.jar OUT.jar");
    Path out = Path.of(args[1]);
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), "patch-subject", ".jar");
    try (ZipFile in = new ZipFile(args[0]); OutputStream os = Files.newOutputStream(tmp);
        ZipOutputStream zos = new ZipOutputStream(os)) {
      for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        byte[] bytes;
        try (InputStream is = in.getInputStream(e)) { bytes = is.readAllBytes(); }
        if (e.getName().endsWith(".class") && contains(bytes, "getSubject")) bytes = patch(bytes);
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        zos.putNextEntry(copy);
        zos.write(bytes);
        zos.closeEntry();
      }
    }
    if (replaced == 0) {
      Files.delete(tmp);
      throw new IllegalStateException("no call of Subject.getSubject(AccessControlContext) in " + args[0]);
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println(replaced);
  }

  static boolean contains(byte[] bytes, String s) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(s);
  }

  static byte[] patch(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    // No COMPUTE_FRAMES: the frames are copied from the reader, which is right as the stack shape is unchanged.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exc) {
        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, sig, exc)) {
          @Override
          public void visitMethodInsn(int op, String owner, String mName, String mDesc, boolean itf) {
            if (op == Opcodes.INVOKESTATIC && SUBJECT.equals(owner) && "getSubject".equals(mName)
                && GET_SUBJECT.equals(mDesc)) {
              super.visitInsn(Opcodes.POP);  // the AccessControlContext argument
              super.visitMethodInsn(Opcodes.INVOKESTATIC, SUBJECT, "current", "()Ljavax/security/auth/Subject;", false);
              replaced++;
            } else {
              super.visitMethodInsn(op, owner, mName, mDesc, itf);
            }
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }
}
