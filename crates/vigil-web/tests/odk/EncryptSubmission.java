// An encrypted submission made as ODK Collect makes one (its EncryptionUtils),
// with the JDK's own cryptography (javax.crypto): an implementation apart
// from Vigil's, so that Vigil's tests check its decryption against another
// party's encryption rather than against itself.
//
//     java EncryptSubmission.java FORM.xml INSTANCE.xml OUTDIR [MEDIA...]
//
// Reads, as Collect does, the public key from the form's
// <submission base64RsaPublicKey="…"> and the form's id and version from its
// main instance; the instanceID from the filled-in instance. Writes, in
// OUTDIR, what Collect sends: submission.xml (the manifest), submission.xml.enc
// and NAME.enc for each media file, in the order given.
//
// The scheme (ODK XForms encryption specification):
// - a random 256-bit AES key, RSA-encrypted with OAEP: Collect asks
//   BouncyCastle for RSA/NONE/OAEPWithSHA256AndMGF1Padding, which hashes
//   with SHA-256 in MGF1 too; the JDK's provider is told so explicitly;
// - each file AES/CFB/PKCS5Padding, its IV the MD5 of instanceID and key,
//   byte (n mod 16) raised by one before the n-th file (media, then the XML);
// - the signature: the MD5 of the lines form id, version, encrypted key,
//   instanceID, NAME::md5-of-plain-bytes for each file (media, then
//   submission.xml), each ended by a newline, RSA-encrypted as the key is.

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

public class EncryptSubmission {
    static final OAEPParameterSpec OAEP =
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java EncryptSubmission.java FORM.xml INSTANCE.xml OUTDIR [MEDIA...]");
            System.exit(2);
        }
        Document form = parse(Paths.get(args[0]));
        String publicKey = "";
        NodeList submissions = form.getElementsByTagNameNS("*", "submission");
        for (int i = 0; i < submissions.getLength(); i++) {
            publicKey = ((Element) submissions.item(i)).getAttribute("base64RsaPublicKey");
        }
        if (publicKey.isEmpty()) {
            throw new IllegalArgumentException("the form carries no base64RsaPublicKey");
        }
        PublicKey rsa = KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        Element main = firstElement(form.getElementsByTagNameNS("*", "instance").item(0));
        String formId = main.getAttribute("id");
        String version = main.hasAttribute("version") ? main.getAttribute("version") : null;

        Path instanceFile = Paths.get(args[1]);
        byte[] instance = Files.readAllBytes(instanceFile);
        String instanceId = parse(instanceFile).getElementsByTagNameNS("*", "instanceID").item(0)
            .getTextContent().trim();
        Path out = Paths.get(args[2]);
        Files.createDirectories(out);

        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        String encryptedKey = Base64.getEncoder().encodeToString(rsa(rsa, key));

        MessageDigest seed = MessageDigest.getInstance("MD5");
        seed.update(instanceId.getBytes(StandardCharsets.UTF_8));
        seed.update(key);
        byte[] iv = seed.digest();
        int counter = 0;

        StringBuilder signed = new StringBuilder();
        line(signed, formId);
        if (version != null) {
            line(signed, version);
        }
        line(signed, encryptedKey);
        line(signed, instanceId);

        List<String> media = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            Path file = Paths.get(args[i]);
            String name = file.getFileName().toString();
            byte[] plain = Files.readAllBytes(file);
            line(signed, name + "::" + md5Hex(plain));
            ++iv[counter % iv.length];
            ++counter;
            Files.write(out.resolve(name + ".enc"), aes(aes, iv, plain));
            media.add(name + ".enc");
        }
        line(signed, "submission.xml::" + md5Hex(instance));
        ++iv[counter % iv.length];
        ++counter;
        Files.write(out.resolve("submission.xml.enc"), aes(aes, iv, instance));

        byte[] digest = MessageDigest.getInstance("MD5").digest(signed.toString().getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(rsa(rsa, digest));

        StringBuilder m = new StringBuilder("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>");
        m.append("<data xmlns=\"http://www.opendatakit.org/xforms/encrypted\" id=\"").append(esc(formId)).append('"');
        if (version != null) {
            m.append(" version=\"").append(esc(version)).append('"');
        }
        m.append(" encrypted=\"yes\">");
        m.append("<base64EncryptedKey>").append(encryptedKey).append("</base64EncryptedKey>");
        m.append("<orx:meta xmlns:orx=\"http://openrosa.org/xforms\"><orx:instanceID>")
            .append(esc(instanceId)).append("</orx:instanceID></orx:meta>\n");
        for (String file : media) {
            m.append("<media><file>").append(esc(file)).append("</file></media>\n");
        }
        m.append("<encryptedXmlFile>submission.xml.enc</encryptedXmlFile>");
        m.append("<base64EncryptedElementSignature>").append(signature).append("</base64EncryptedElementSignature>");
        m.append("</data>");
        Files.write(out.resolve("submission.xml"), m.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Document parse(Path path) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(path.toFile());
    }

    static Element firstElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) n;
            }
        }
        throw new IllegalArgumentException("the form's instance is empty");
    }

    static byte[] rsa(PublicKey key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, key, OAEP);
        return c.doFinal(data);
    }

    static byte[] aes(SecretKeySpec key, byte[] iv, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/CFB/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv.clone()));
        return c.doFinal(plain);
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(bytes)));
    }

    static void line(StringBuilder b, String value) {
        b.append(value).append('\n');
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
