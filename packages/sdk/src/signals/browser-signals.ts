/** Reads Global Privacy Control and Do Not Track from the browser. */
export function readGpc(nav: Navigator | undefined): boolean {
  return (nav as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
}

export function readDnt(nav: Navigator | undefined, win?: unknown): boolean {
  const v = nav?.doNotTrack ?? (win as { doNotTrack?: string } | undefined)?.doNotTrack;
  return v === '1' || v === 'yes';
}
