import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel">
      <h1>Not found</h1>
      <p>This page does not exist, or you do not have access to it.</p>
      <Link href="/claims">Back to claims</Link>
    </div>
  );
}
