package org.newsroom.local;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The classes one class file uses, in the places the JVM resolves or loads them while it verifies,
 * initialises or runs it: superclass, interfaces, nest host, the types of its own fields and
 * methods, and in method bodies the types of {@code new}, casts, {@code instanceof}, arrays and
 * class literals, the owners and descriptors of the fields and methods it uses, method handles and
 * call sites, caught exceptions and the verifier's stack map frames. Generic signatures,
 * annotations, {@code throws} clauses and the inner-class table, which only reflection reads, are
 * left out, and so are class constants javac leaves unused in the constant pool (the owners of
 * constants it inlined).
 */
final class ClassReferences extends ClassVisitor {

    private final Set<String> names = new TreeSet<>();
    private final Set<String> methods = new TreeSet<>();

    /**
     * What a class uses: the classes, and the methods it calls ({@code owner#name}, the owner as
     * the call names it).
     */
    record Uses(Set<String> classes, Set<String> methods) {}

    private ClassReferences() {
        super(Opcodes.ASM9);
    }

    /** What the class file {@code bytes} uses; classes as internal names ({@code a/b/C$D}). */
    static Uses of(byte[] bytes) {
        ClassReferences references = new ClassReferences();
        new ClassReader(bytes).accept(references, ClassReader.SKIP_DEBUG);
        return new Uses(references.names, references.methods);
    }

    @Override
    public void visit(
            int version,
            int access,
            String name,
            String signature,
            String superName,
            String[] interfaces) {
        names.add(name);
        if (superName != null) {
            names.add(superName);
        }
        names.addAll(List.of(interfaces));
    }

    @Override
    public void visitNestHost(String nestHost) {
        names.add(nestHost);
    }

    @Override
    public FieldVisitor visitField(
            int access, String name, String descriptor, String signature, Object value) {
        type(Type.getType(descriptor));
        return null;
    }

    @Override
    public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
        type(Type.getMethodType(descriptor));
        return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitTypeInsn(int opcode, String type) {
                type(Type.getObjectType(type));
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                type(Type.getObjectType(owner));
                type(Type.getType(descriptor));
            }

            @Override
            public void visitMethodInsn(
                    int opcode, String owner, String name, String descriptor, boolean isInterface) {
                type(Type.getObjectType(owner));
                type(Type.getMethodType(descriptor));
                methods.add(owner + "#" + name);
            }

            @Override
            public void visitInvokeDynamicInsn(
                    String name, String descriptor, Handle bootstrap, Object... arguments) {
                type(Type.getMethodType(descriptor));
                constant(bootstrap);
                for (Object argument : arguments) {
                    constant(argument);
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value);
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                type(Type.getType(descriptor));
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type != null) {
                    names.add(type);
                }
            }

            @Override
            public void visitFrame(
                    int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                frameTypes(local, numLocal);
                frameTypes(stack, numStack);
            }
        };
    }

    private void frameTypes(Object[] types, int count) {
        for (int i = 0; types != null && i < count; i++) {
            if (types[i] instanceof String name) {
                type(Type.getObjectType(name));
            }
        }
    }

    private void constant(Object value) {
        if (value instanceof Type type) {
            type(type);
        } else if (value instanceof Handle handle) {
            names.add(handle.getOwner());
            methods.add(handle.getOwner() + "#" + handle.getName());
            type(
                    handle.getDesc().startsWith("(")
                            ? Type.getMethodType(handle.getDesc())
                            : Type.getType(handle.getDesc()));
        }
    }

    private void type(Type type) {
        switch (type.getSort()) {
            case Type.ARRAY -> type(type.getElementType());
            case Type.OBJECT -> names.add(type.getInternalName());
            case Type.METHOD -> {
                type(type.getReturnType());
                for (Type argument : type.getArgumentTypes()) {
                    type(argument);
                }
            }
            default -> {}
        }
    }
}
