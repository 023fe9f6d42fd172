import React, {createContext, useContext} from 'react';
import {Text} from 'ink';
import {colorTheme, type Theme, type Token} from './theme.js';

export const ThemeContext = createContext<Theme>(colorTheme);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** Text in a semantic style; `selected` is layered on top of the token. */
export function Styled(props: {token?: Token; selected?: boolean; wrap?: 'truncate-end'; children: React.ReactNode}) {
	const theme = useTheme();
	const style = {...theme[props.token ?? 'plain'], ...(props.selected ? theme.selected : {})};
	return (
		<Text {...style} wrap={props.wrap}>
			{props.children}
		</Text>
	);
}
