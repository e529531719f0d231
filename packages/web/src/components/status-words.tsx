/** "Received. Your answers will…": the first word or sentence (up to ". ") in bold, as a heading for the rest. */
export function StatusWords({ text }: { text: string }) {
  if (!text) return null;
  const end = text.indexOf('. ');
  if (end === -1) return <>{text}</>;
  return (
    <>
      <strong>{text.slice(0, end + 1)}</strong>
      {text.slice(end + 1)}
    </>
  );
}
